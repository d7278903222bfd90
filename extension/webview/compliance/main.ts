import type { WorkflowCompliance } from '../../../language/report/workflow-compliance.js';
import { adoptStyle, vscodeApi } from '../shared/page.js';

// The compliance view: the G01–G40 matrix of one workflow (`hitl/compliance`), each requirement
// met, violated, suppressed or not applicable, each finding a link that reveals its line.

const vscode = vscodeApi();
const root = document.getElementById('root')!;

const STATUS: Record<string, { label: string; mark: string }> = {
    met: { label: 'met', mark: '✓' },
    violated: { label: 'not met', mark: '✗' },
    suppressed: { label: 'not met, accepted by a suppression', mark: '!' },
    'not-applicable': { label: 'not applicable', mark: '–' },
};

adoptStyle(`
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1rem 2rem; }
h1 { font-size: 1.4rem; } .summary { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
.status { white-space: nowrap; font-weight: 600; }
tr.met .status { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
tr.violated .status { color: var(--vscode-errorForeground); }
tr.suppressed .status { color: var(--vscode-editorWarning-foreground, var(--vscode-foreground)); }
tr.not-applicable .status, .reason { color: var(--vscode-descriptionForeground); }
ul { margin: 0; padding-left: 1.1rem; } a { color: var(--vscode-textLink-foreground); cursor: pointer; } a:hover { color: var(--vscode-textLink-activeForeground); }
code { font-family: var(--vscode-editor-font-family); }
`);

window.addEventListener('message', (event: MessageEvent<{ type: string; compliance?: WorkflowCompliance }>) => {
    if (event.data.type === 'compliance' && event.data.compliance) show(event.data.compliance);
});
vscode.postMessage({ type: 'ready' });

function show(compliance: WorkflowCompliance): void {
    const count = (status: string) => compliance.requirements.filter((row) => row.status === status).length;
    root.innerHTML = `<h1>Compliance: ${escapeHtml(compliance.workflow)}</h1>
<p class="summary">${compliance.met}/${compliance.total} requirements met or not applicable · ${count('violated')} not met · ${count('suppressed')} accepted by a suppression — ${escapeHtml(compliance.path)}</p>
<table><thead><tr><th>Requirement</th><th>Status</th><th>Findings</th></tr></thead>
<tbody>${compliance.requirements.map(row).join('\n')}</tbody></table>`;
    root.setAttribute('aria-busy', 'false');
    for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-uri]')) {
        link.addEventListener('click', (event) => {
            event.preventDefault();
            vscode.postMessage({ type: 'reveal', uri: link.dataset.uri, line: Number(link.dataset.line), character: Number(link.dataset.character) });
        });
    }
}

function row(requirement: WorkflowCompliance['requirements'][number]): string {
    const status = STATUS[requirement.status];
    const findings = requirement.findings.map(
        (finding) =>
            `<li><a href="#" data-uri="${escapeHtml(finding.uri)}" data-line="${finding.range.start.line}" data-character="${finding.range.start.character}">line ${finding.range.start.line + 1}</a> <code>${escapeHtml(finding.code)}</code> ${escapeHtml(finding.message)}</li>`,
    );
    const suppressions = requirement.suppressions.map((each) => `<li><code>${escapeHtml(each.code)}</code> accepted by ${escapeHtml(each.approver)} until ${escapeHtml(each.expires)}: ${escapeHtml(each.reason)}</li>`);
    const detail = [...findings, ...suppressions];
    const notes = detail.length > 0 ? `<ul>${detail.join('')}</ul>` : requirement.reason ? `<span class="reason">${escapeHtml(requirement.reason)}</span>` : '';
    return `<tr class="${requirement.status}" data-requirement="${requirement.id}"><td><strong>${requirement.id}</strong> ${escapeHtml(requirement.title)}</td><td class="status" title="${status.label}">${status.mark} ${status.label}</td><td>${notes}</td></tr>`;
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

import type { HitlModel } from '../../model/schema.js';
import type { Change } from '../change.js';
import type { ModelDiff, WorkflowDiff } from '../diff-models.js';
import { changedFlow } from './diagram.js';

/** Table cells and inline text: a `|` or a line break would end the cell. */
function cell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function versionText(workflow: WorkflowDiff): string {
    const { before, after, raised } = workflow.version;
    if (before === after) return `${after ?? 'none'} (not raised)`;
    return `${before ?? 'none'} → ${after ?? 'none'}${raised ? '' : ' (not raised)'}`;
}

function fence(lines: readonly string[]): string {
    // A fence longer than any backtick run inside, so the text cannot close it.
    const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
    const ticks = '`'.repeat(longest + 1);
    return [`${ticks}diff`, ...lines, ticks].join('\n');
}

function changeSection(change: Change): string {
    const title =
        change.class === 'weakening'
            ? `**${change.severity}** \`${change.code}\` — ${cell(change.element)}`
            : `${change.class} — ${cell(change.element)}`;
    const requirements = change.requirements.length > 0 ? ` (${change.requirements.join(', ')})` : '';
    const lines = [`- ${title}${requirements}${change.source ? ` · \`${change.source.file}:${change.source.line}\`` : ''}`, '', `  ${cell(change.message)}`];
    const diffLines = [...(change.before !== undefined ? [`- ${change.before}`] : []), ...(change.after !== undefined ? [`+ ${change.after}`] : [])];
    if (diffLines.length > 0) lines.push('', fence(diffLines).replace(/^/gm, '  '));
    return lines.join('\n');
}

/**
 * `hitl diff` for a pull-request comment or a job summary: a summary table, then each changed
 * workflow with its changes, weakening first, each with the governing text before and after,
 * and (given HEAD's model) a Mermaid chart of its flow with the changed steps outlined.
 */
export function formatDiffMarkdown(diff: ModelDiff, sides: { base: string; head: string }, head?: HitlModel): string {
    const { weakening, strengthening, neutral, errors, warnings } = diff.summary;
    const out = [`## Governance diff: \`${cell(sides.base)}\` → \`${cell(sides.head)}\``, ''];
    const verdict = errors > 0 ? `**${errors} weakening change${errors === 1 ? '' : 's'} not accepted**: raise the workflow's version and name a change approver, or undo ${errors === 1 ? 'it' : 'them'}.` : weakening > 0 ? `${weakening} weakening change${weakening === 1 ? '' : 's'}, each in a workflow whose version was raised and whose change approver is named.` : 'No weakening change.';
    out.push(verdict, '');
    const changed = diff.workflows.filter((w) => w.status !== 'unchanged');
    if (changed.length > 0) {
        out.push('| Workflow | Status | Version | Change approver | Weakening | Strengthening | Neutral |', '|---|---|---|---|---|---|---|');
        for (const w of changed) {
            const count = (c: Change['class']) => w.changes.filter((change) => change.class === c).length;
            const weak = count('weakening');
            const errorCount = w.changes.filter((change) => change.severity === 'error').length;
            out.push(`| ${cell(w.id)} | ${w.status} | ${cell(versionText(w))} | ${cell(w.changeApprover ?? 'none')} | ${weak}${errorCount > 0 ? ` (${errorCount} error${errorCount === 1 ? '' : 's'})` : ''} | ${count('strengthening')} | ${count('neutral')} |`);
        }
        out.push('');
    }
    out.push(`Totals: ${weakening} weakening (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}), ${strengthening} strengthening, ${neutral} neutral.`, '');
    const order = { weakening: 0, strengthening: 1, neutral: 2 } as const;
    for (const w of changed) {
        out.push(`### ${cell(w.id)}${w.title ? ` — ${cell(w.title)}` : ''}`, '');
        out.push(...[...w.changes].sort((a, b) => order[a.class] - order[b.class]).map(changeSection).flatMap((section) => [section, '']));
        const chart = head && w.status === 'changed' ? changedFlow(head, w.id, w.changes) : undefined;
        if (chart) out.push(`<details><summary>The flow of ${cell(w.id)} in ${cell(sides.head)}, changed steps outlined</summary>`, '', '```mermaid', chart.trimEnd(), '```', '', '</details>', '');
    }
    if (diff.declarations.length > 0) {
        out.push('### Shared declarations', '', ...diff.declarations.map(changeSection).flatMap((section) => [section, '']));
    }
    return out.join('\n').replace(/\n+$/, '\n');
}

import type { TextStyle } from '../../headless/formats/text.js';
import type { Change } from '../change.js';
import type { ModelDiff, WorkflowDiff } from '../diff-models.js';

const MARKS = { weakening: '-', strengthening: '+', neutral: '~' } as const;

function where(change: Change): string {
    return change.source ? `${change.source.file}:${change.source.line}:${change.source.column} ` : '';
}

function line(change: Change, style: TextStyle): string {
    const requirements = change.requirements.length > 0 ? ` [${change.requirements.join(', ')}]` : '';
    if (change.class === 'weakening') {
        const severity = change.severity === 'error' ? style.error('error') : style.warning('warning');
        return `  ${where(change)}${severity} ${change.code}${requirements} ${change.message}`;
    }
    return `  ${MARKS[change.class]} ${style.dim(`${change.class}${requirements}`)} ${change.message}`;
}

function heading(workflow: WorkflowDiff): string {
    if (workflow.status === 'added' || workflow.status === 'removed') return `${workflow.id} (${workflow.status})`;
    const { before, after, raised } = workflow.version;
    const version = before === after ? `version ${after ?? 'none'}, not raised` : `version ${before ?? 'none'} → ${after ?? 'none'}${raised ? '' : ', not raised'}`;
    return `${workflow.id} (${workflow.status}; ${version}; change approver ${workflow.changeApprover ?? 'none'})`;
}

/** `hitl diff` for a terminal: each changed workflow, its changes weakening first, and a summary line. */
export function formatDiffText(diff: ModelDiff, sides: { base: string; head: string }, style: TextStyle): string {
    const order = { weakening: 0, strengthening: 1, neutral: 2 } as const;
    const blocks: string[] = [];
    for (const workflow of diff.workflows.filter((w) => w.status !== 'unchanged')) {
        const changes = [...workflow.changes].sort((a, b) => order[a.class] - order[b.class]);
        blocks.push([heading(workflow), ...changes.map((change) => line(change, style))].join('\n'));
    }
    if (diff.declarations.length > 0) blocks.push(['Shared declarations', ...diff.declarations.map((change) => line(change, style))].join('\n'));
    const { weakening, strengthening, neutral, errors, warnings } = diff.summary;
    const summary = `${sides.base} → ${sides.head}: ${weakening} weakening (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}), ${strengthening} strengthening, ${neutral} neutral in ${diff.summary.workflows} workflow${diff.summary.workflows === 1 ? '' : 's'}`;
    return [...blocks, summary].join('\n\n') + '\n';
}

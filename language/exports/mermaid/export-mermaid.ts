import type { Escalation, EscalationRef, Gate, HitlModel, ManualQueue, Step, TimeoutAction, Workflow } from '../../model/schema.js';
import { edgesOf, escalationOf, type Edge } from '../../model/paths.js';
import { refKey } from '../../model/parties.js';
import { RISK_GRADES } from '../../model/vocabulary.js';
import { joinList } from '../../util/names.js';
import { label, nodeId } from './mermaid-text.js';
import { deadlineOf } from '../../model/paths.js';

/**
 * A workflow as a Mermaid flowchart for reviews: step kinds as shapes, decisions coloured by
 * risk grade (classDef per grade), people's steps with their SLA, timeouts and AI fallbacks as
 * dashed links, each escalation chain a subgraph of its levels ending in its timeout action.
 * `flowchart TD` with quoted labels: renders on GitHub.
 */

/** The shape brackets of each step kind. */
const SHAPES: Record<Step['kind'], readonly [string, string]> = {
    'ai-step': ['{{', '}}'],
    'automated-step': ['[[', ']]'],
    gate: ['[/', '\\]'],
    queue: ['[(', ')]'],
    decision: ['{', '}'],
    effect: ['>', ']'],
    outcome: ['([', '])'],
};

const KIND_NAMES: Record<Step['kind'], string> = { 'ai-step': 'AI step', 'automated-step': 'automated step', gate: 'gate', queue: 'queue', decision: 'decision', effect: 'effect', outcome: 'outcome' };

const RISK_STYLES: Record<(typeof RISK_GRADES)[number], string> = {
    low: 'fill:#e6f4ea,stroke:#1e8e3e,color:#0d3b1e',
    medium: 'fill:#fef7e0,stroke:#f9ab00,color:#3c2f00',
    high: 'fill:#fde7e9,stroke:#d93025,color:#3c0d0d',
    critical: 'fill:#d93025,stroke:#7f1d1d,color:#ffffff,stroke-width:3px',
};

/** The node of a step, for callers that style steps of the chart (the diff outlines changed ones). */
export const stepNode = (id: string) => nodeId('s', id);

function details(step: Step): string | undefined {
    switch (step.kind) {
        case 'ai-step':
            return [step.model, step.confidenceThreshold !== undefined ? `confidence ≥ ${step.confidenceThreshold}` : undefined].filter(Boolean).join(' · ') || undefined;
        case 'gate':
            return [joinList(step.reviewers), step.sla ? `SLA ${step.sla.iso}` : undefined].filter(Boolean).join(' · ') || undefined;
        case 'queue': {
            const timeout = deadlineOf(step);
            return [step.owner, timeout ? `timeout ${timeout.iso}` : undefined].filter(Boolean).join(' · ') || undefined;
        }
        case 'decision':
            return [step.decidedBy ? `decided by ${step.decidedBy}` : undefined, step.risk ? `risk ${step.risk}` : undefined].filter(Boolean).join(' · ') || undefined;
        case 'effect':
            return [step.effectKind, step.external ? 'external' : undefined].filter(Boolean).join(' · ') || undefined;
        case 'outcome':
            return step.result;
        case 'automated-step':
            return undefined;
    }
}

export function exportMermaid(model: HitlModel, workflowId: string): string {
    const workflow = model.workflows.find((candidate) => candidate.id === workflowId);
    if (!workflow) throw new Error(`No workflow named '${workflowId}' to draw; the model has ${joinList(model.workflows.map((w) => w.id)) || 'none'}.`);
    return new Chart(model, workflow).text();
}

class Chart {
    private readonly nodes: string[] = [];
    private readonly links: string[] = [];
    private readonly subgraphs: string[] = [];
    private readonly endings = new Map<string, string>();
    private readonly chains = new Map<string, string>();
    private readonly classes = new Map<string, string[]>();

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
    ) {}

    text(): string {
        const workflow = this.workflow;
        if (workflow.start) this.links.push(`    hitl_start((" ")) --> ${stepNode(workflow.start)}`);
        for (const step of workflow.steps) this.step(step);
        const lines = ['flowchart TD', `    %% ${workflow.id}${workflow.version ? ` ${workflow.version}` : ''}: exported by hitl from ${workflow.source.file}`, ...this.nodes, ...this.subgraphs, ...this.links];
        for (const grade of RISK_GRADES) lines.push(`    classDef risk_${grade} ${RISK_STYLES[grade]}`);
        lines.push('    classDef ending fill:#f1f3f4,stroke:#5f6368,stroke-dasharray:4 3');
        for (const [name, ids] of this.classes) lines.push(`    class ${ids.join(',')} ${name}`);
        return `${lines.join('\n')}\n`;
    }

    private classify(name: string, id: string): void {
        const ids = this.classes.get(name) ?? [];
        ids.push(id);
        this.classes.set(name, ids);
    }

    private step(step: Step): void {
        const [open, close] = SHAPES[step.kind];
        const id = stepNode(step.id);
        this.nodes.push(`    ${id}${open}${label(step.id, step.title, `${KIND_NAMES[step.kind]}${details(step) ? ` · ${details(step)}` : ''}`)}${close}`);
        if (step.kind === 'decision' && step.risk) this.classify(`risk_${step.risk}`, id);
        // Parallel links (approve, override and reject to one step) are drawn once, their labels joined.
        const merged = new Map<string, { edge: Edge; labels: string[]; policies: Array<string | undefined> }>();
        for (const edge of edgesOf(step)) {
            const key = `${edge.to}|${dashed(edge)}`;
            const route = step.kind === 'outcome' ? undefined : step.routes[edge.route];
            const policy = edge.kind === 'fallback' && route?.kind === 'on' ? route.policy : undefined;
            const found = merged.get(key) ?? { edge, labels: [], policies: [] };
            found.labels.push(edge.label);
            found.policies.push(policy);
            merged.set(key, found);
        }
        for (const { edge, labels, policies } of merged.values()) this.link(id, stepNode(edge.to), fallbackLabel(labels, policies), dashed(edge));
        if (step.kind === 'gate' || step.kind === 'queue') {
            const timeout = step.routes.find((route) => route.kind === 'on' && route.event === 'timeout');
            if (timeout?.kind === 'on' && !timeout.target && timeout.action) this.timeoutAction(step, id, timeout.action);
        }
    }

    private link(from: string, to: string, text: string, isDashed: boolean): void {
        this.links.push(`    ${from} ${isDashed ? '-.->' : '-->'}${text && text !== 'then' ? `|${label(text)}|` : ''} ${to}`);
    }

    /** Timeout actions that leave no step edge: an escalation (to its chain), or an ending (denied, paused). */
    private timeoutAction(step: Gate | ManualQueue, from: string, action: TimeoutAction): void {
        if (action.kind === 'escalate' && action.target) {
            const first = action.target.kind === 'party' ? this.partyLevel(action.target.id) : this.chain(action.target);
            if (first) this.link(from, first, 'timeout → escalate', true);
        } else if (action.kind === 'pause' || (action.kind === 'deny' && !step.routes.some((r) => r.kind === 'on' && r.event === 'reject' && r.target))) {
            this.link(from, this.ending(action.kind === 'pause' ? 'paused' : 'denied', action.kind === 'pause' ? 'paused' : 'denied'), `timeout → ${action.kind}`, true);
        }
    }

    /** A node for how a case ends without an outcome step, or for a chain's final action. */
    private ending(key: string, text: string): string {
        let id = this.endings.get(key);
        if (!id) {
            id = nodeId('end', key);
            this.endings.set(key, id);
            this.nodes.push(`    ${id}(${label(text)})`);
            this.classify('ending', id);
        }
        return id;
    }

    private partyLevel(party: string): string {
        const key = `party:${party}`;
        let id = this.chains.get(key);
        if (!id) {
            id = nodeId('esc', 'party', party);
            this.chains.set(key, id);
            this.nodes.push(`    ${id}[/${label(party, 'escalated to')}/]`);
        }
        return id;
    }

    /** An escalation chain as a subgraph: its levels linked by dashed timeouts, then its own timeout action. */
    private chain(ref: EscalationRef): string | undefined {
        const key = refKey(ref);
        const known = this.chains.get(key);
        if (known) return known;
        const escalation: Escalation | undefined = escalationOf(this.model, this.workflow, ref);
        const levels = escalation?.chain.levels.filter((level) => level.party) ?? [];
        if (!escalation || levels.length === 0) return undefined;
        const group = nodeId('esc', ref.scope, ref.id);
        const ids = levels.map((_, index) => nodeId('esc', ref.scope, ref.id, String(index + 1)));
        this.chains.set(key, ids[0]);
        const body = levels.map((level, index) => `        ${ids[index]}[/${label(`${index + 1}. ${level.party}`, [level.channel && `via ${level.channel}`, level.within && `within ${level.within.iso}`].filter(Boolean).join(' · '))}/]`);
        this.subgraphs.push(`    subgraph ${group}[${label(`escalation ${ref.id}`)}]`, ...body, '    end');
        ids.slice(1).forEach((id, index) => this.link(ids[index], id, 'timeout', true));
        const onTimeout = escalation.chain.onTimeout;
        const last = ids[ids.length - 1];
        if (onTimeout?.kind === 'escalate' && onTimeout.target) {
            const next = onTimeout.target.kind === 'party' ? this.partyLevel(onTimeout.target.id) : this.chain(onTimeout.target);
            if (next) this.link(last, next, 'timeout → escalate', true);
        } else if (onTimeout) {
            // What the action does depends on the step the chain was entered from (deny follows its reject route): the action is drawn, not a step.
            this.link(last, this.ending(onTimeout.kind === 'pause' ? 'paused' : `chain_${onTimeout.kind}`, onTimeout.kind === 'pause' ? 'paused' : `${onTimeout.kind}, as at the step escalating`), `timeout → ${onTimeout.kind}`, true);
        }
        return ids[0];
    }
}

/** `unavailable, abnormal-output (Policy)` when the fallbacks share their policy, each with its own otherwise. */
function fallbackLabel(labels: readonly string[], policies: ReadonlyArray<string | undefined>): string {
    if (policies.every((policy) => policy === policies[0])) return `${labels.join(', ')}${policies[0] ? ` (${policies[0]})` : ''}`;
    return labels.map((text, index) => (policies[index] ? `${text} (${policies[index]})` : text)).join(', ');
}

/** Timeouts and AI fallbacks are drawn dashed: the paths no person chose. */
function dashed(edge: Edge): boolean {
    return edge.kind === 'timeout' || edge.kind === 'fallback';
}

import type { AiStep, Gate, HitlModel, ManualQueue, Route, Step, TimeoutAction, Workflow } from '../../model/schema.js';
import { escalationOf, fallbackFor, hasOnward, stepOf } from '../../model/paths.js';
import { refKey } from '../../model/parties.js';
import { feelCondition } from './feel.js';
import { stepProperties, workflowProperties } from './governance.js';
import type { BpmnFlow, BpmnNode, BpmnProcess } from './graph.js';
import { actionVariable, AI_FAILURES, confidenceVariable, formId, jobType } from './names.js';
import { deadlineOf } from '../../model/paths.js';

/**
 * The workflow as a Camunda 8 process, with the simulator's semantics (language/simulator/engine.ts):
 * a step becomes its element the first time a route from the start reaches it, so a step no
 * route reaches is left out, as the engine would never run it. Generated ids are the step id
 * and a suffix after `-`, which a `.hitl` name cannot hold, so they never clash with a step.
 */
export function buildProcess(model: HitlModel, workflow: Workflow): BpmnProcess {
    return new ProcessBuilder(model, workflow).build();
}

interface Chain {
    readonly key: string;
    readonly id: string;
    readonly levels: ReadonlyArray<{ readonly party: string; readonly within?: string; readonly channel?: string }>;
    readonly onTimeout?: TimeoutAction;
}

class ProcessBuilder {
    private readonly nodes = new Map<string, BpmnNode>();
    private readonly flows: BpmnFlow[] = [];
    private readonly errors = new Set<string>();
    /** Where an item goes once the step is done, and once a person there acted, by step id. */
    private readonly onwardOf = new Map<string, string>();
    private readonly actedOf = new Map<string, string>();

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
    ) {}

    build(): BpmnProcess {
        const workflow = this.workflow;
        const start = this.add({ id: `${workflow.id}-start`, kind: 'startEvent', name: 'Case received' });
        this.flow(start, workflow.start ? this.entry(workflow.start) : this.end(`${workflow.id}-no-start`, 'No start step', 'stopped:no-start'));
        joinMergingFlows(this.nodes, this.flows);
        nameFlows(this.flows);
        return {
            id: this.nodes.has(workflow.id) ? `${workflow.id}-process` : workflow.id,
            name: workflow.title ?? workflow.id,
            documentation: workflow.intendedUses.length > 0 ? `Intended use: ${workflow.intendedUses.join('; ')}` : undefined,
            properties: workflowProperties(workflow),
            nodes: [...this.nodes.values()],
            flows: this.flows,
            errors: AI_FAILURES.filter((code) => this.errors.has(code)),
        };
    }

    // ------------------------------------------------------------ steps

    /** The element an item enters a step by, built on first use. */
    private entry(id: string): string {
        if (this.nodes.has(id)) return id;
        const step = stepOf(this.workflow, id);
        if (!step) return this.end(`${id}-missing`, `No step ${id}`, `stopped:${id}`);
        const base = { id, name: step.title ?? step.id, properties: stepProperties(step) };
        switch (step.kind) {
            case 'outcome':
                return this.add({ ...base, kind: 'endEvent', documentation: step.result, ending: step.id });
            case 'decision':
                // A decision that branches is its gateway; one that does not is a milestone on the way.
                if (!step.routes.some(isThen) && step.routes.some((route) => route.kind === 'when' && route.target)) {
                    this.add({ ...base, kind: 'exclusiveGateway' });
                    this.onwardOf.set(id, id);
                    this.branches(step, id);
                    return id;
                }
                this.add({ ...base, kind: 'intermediateThrowEvent' });
                this.flow(id, this.onward(step));
                return id;
            case 'automated-step':
            case 'effect':
                this.add({ ...base, kind: 'serviceTask', jobType: jobType(this.workflow, step), retries: step.kind === 'effect' ? 1 : 3 });
                this.flow(id, this.onward(step));
                return id;
            case 'ai-step':
                this.aiStep(step, base);
                return id;
            case 'gate':
            case 'queue':
                this.personStep(step, base);
                return id;
        }
    }

    private aiStep(step: AiStep, base: Pick<BpmnNode, 'id' | 'name' | 'properties'>): void {
        const id = step.id;
        this.add({ ...base, kind: 'serviceTask', jobType: jobType(this.workflow, step), retries: 3 });
        for (const mode of AI_FAILURES) {
            // As the simulator: a mode without its own fallback takes the `error` one, else the case fails.
            const fallback = fallbackFor(step, mode) ?? fallbackFor(step, 'error');
            this.errors.add(mode);
            const boundary = this.add({ id: `${id}-${mode}`, kind: 'boundaryEvent', name: mode, attachedTo: id, errorCode: mode });
            this.flow(boundary, fallback?.target ? this.entry(fallback.target) : this.end(`${id}-failed-${mode}`, `${step.id} failed (${mode})`, `failed:${mode}`));
        }
        const lowConfidence = fallbackFor(step, 'low-confidence');
        if (step.confidenceThreshold !== undefined && lowConfidence?.target) {
            const gateway = this.add({ id: `${id}-confidence`, kind: 'exclusiveGateway', name: `Confidence ≥ ${step.confidenceThreshold}?` });
            this.flow(id, gateway);
            this.flow(gateway, this.entry(lowConfidence.target), { name: 'low confidence', condition: `${confidenceVariable(step)} < ${step.confidenceThreshold}` });
            this.flow(gateway, this.onward(step), { name: 'confident', isDefault: true });
        } else {
            this.flow(id, this.onward(step));
        }
    }

    private personStep(step: Gate | ManualQueue, base: Pick<BpmnNode, 'id' | 'name' | 'properties'>): void {
        const id = step.id;
        const groups = step.kind === 'gate' ? step.reviewers : step.owner ? [step.owner] : [];
        this.add({ ...base, kind: 'userTask', candidateGroups: groups, formId: formId(this.workflow, step) });
        const sla = deadlineOf(step);
        const timeout = step.routes.find((route) => route.kind === 'on' && route.event === 'timeout');
        // Without an `on timeout` the simulator counts the breach and the item keeps waiting: no timer.
        if (sla && timeout?.kind === 'on' && (timeout.target || timeout.action)) {
            const boundary = this.add({ id: `${id}-sla`, kind: 'boundaryEvent', name: `SLA ${sla.iso} passed`, attachedTo: id, timer: sla.iso });
            this.flow(boundary, timeout.target ? this.entry(timeout.target) : this.timeoutAction(step, timeout.action!));
        }
        this.flow(id, this.acted(step));
    }

    /** Where an item goes once a person at the gate (or a level of its escalation) acted: by the action, through a gateway. */
    private acted(step: Gate | ManualQueue): string {
        const known = this.actedOf.get(step.id);
        if (known) return known;
        if (step.kind === 'queue') {
            const onward = this.onward(step);
            this.actedOf.set(step.id, onward);
            return onward;
        }
        const gatewayId = `${step.id}-action`;
        this.actedOf.set(step.id, gatewayId);
        const allowed = step.allows.length > 0 ? step.allows : (['approve'] as const);
        const byTarget = new Map<string, string[]>();
        for (const action of allowed) {
            const route = step.routes.find((r) => r.kind === 'on' && r.event === action && r.target);
            let target: string;
            if (route?.target) target = this.entry(route.target);
            else if (action === 'request-info') target = step.id;
            else if (action === 'reject' && !hasOnward(step)) target = this.end(`${step.id}-rejected`, `Rejected at ${step.id}`, 'rejected');
            else target = this.onward(step);
            byTarget.set(target, [...(byTarget.get(target) ?? []), action]);
        }
        // A flow may already lead to the gateway (a loop back to this gate): then it stays, even with one way out.
        if (byTarget.size === 1 && !this.flows.some((flow) => flow.target === gatewayId)) {
            const [only] = byTarget.keys();
            this.actedOf.set(step.id, only);
            return only;
        }
        this.add({ id: gatewayId, kind: 'exclusiveGateway', name: `${step.id}: action?` });
        const variable = actionVariable(step);
        for (const [target, actions] of byTarget) {
            this.flow(gatewayId, target, { name: actions.join(', '), condition: actions.map((action) => `${variable} = "${action}"`).join(' or ') });
        }
        return gatewayId;
    }

    /** The onward routes (`then`, else `when`/`otherwise` through a gateway); built once per step. */
    private onward(step: Step): string {
        const known = this.onwardOf.get(step.id);
        if (known) return known;
        const routes = step.kind === 'outcome' ? [] : step.routes.filter((route) => (isThen(route) || isBranch(route)) && route.target);
        // A lone `otherwise` is a `then`.
        const then = routes.find(isThen) ?? (routes.length === 1 && routes[0].kind === 'otherwise' ? routes[0] : undefined);
        let target: string;
        if (routes.length === 0) target = this.end(`${step.id}-stopped`, `No route on from ${step.id}`, `stopped:${step.id}`);
        else if (then?.target) target = this.entry(then.target);
        else {
            target = this.add({ id: `${step.id}-branch`, kind: 'exclusiveGateway', name: `${step.id}: which route?` });
            this.onwardOf.set(step.id, target);
            this.branches(step, target);
        }
        this.onwardOf.set(step.id, target);
        return target;
    }

    private branches(step: Step, gateway: string): void {
        if (step.kind === 'outcome') return;
        for (const route of step.routes) {
            if (!route.target) continue;
            if (route.kind === 'when') this.flow(gateway, this.entry(route.target), { name: route.text, condition: feelCondition(route.condition, this.workflow) });
            else if (route.kind === 'otherwise') this.flow(gateway, this.entry(route.target), { name: 'otherwise', isDefault: true });
        }
    }

    // ------------------------------------------------------------ timeouts and escalation

    /** What a timeout action does, as the simulator's `timeoutAction`. */
    private timeoutAction(step: Gate | ManualQueue, action: TimeoutAction): string {
        const routeOn = (event: string) => step.routes.find((route) => route.kind === 'on' && route.event === event && route.target)?.target;
        switch (action.kind) {
            case 'pause':
                return this.end(`${step.id}-paused`, `Paused at ${step.id}`, 'paused');
            case 'deny': {
                const reject = routeOn('reject');
                return reject ? this.entry(reject) : this.end(`${step.id}-denied`, `Denied at ${step.id}`, 'denied');
            }
            case 'approve':
            case 'skip': {
                const approve = routeOn('approve');
                if (action.kind === 'approve' && approve) return this.entry(approve);
                if (hasOnward(step)) return this.onward(step);
                return approve ? this.entry(approve) : this.end(`${step.id}-stopped`, `No route on from ${step.id}`, `stopped:${step.id}`);
            }
            case 'escalate': {
                const target = action.target;
                if (!target) return this.end(`${step.id}-unescalated`, `No escalation from ${step.id}`, 'stopped:escalation');
                if (target.kind === 'party') return this.chain(step, { key: `party:${target.id}`, id: target.id, levels: [{ party: target.id }] });
                const escalation = escalationOf(this.model, this.workflow, target);
                if (!escalation) return this.end(`${step.id}-unescalated`, `No escalation from ${step.id}`, 'stopped:escalation');
                const levels = escalation.chain.levels.flatMap((level) => (level.party ? [{ party: level.party, within: level.within?.iso, channel: level.channel }] : []));
                if (levels.length === 0) {
                    return escalation.chain.onTimeout ? this.timeoutAction(step, escalation.chain.onTimeout) : this.end(`${step.id}-unescalated`, `No escalation from ${step.id}`, 'stopped:escalation');
                }
                return this.chain(step, { key: refKey(target), id: target.id, levels, onTimeout: escalation.chain.onTimeout });
            }
        }
    }

    /** The chain's levels for this step, each a user task with its own timer; the first level's id. */
    private chain(step: Gate | ManualQueue, chain: Chain): string {
        const taskId = (level: number) => `${step.id}-${chain.id}-${level + 1}`;
        if (this.nodes.has(taskId(0))) return taskId(0);
        chain.levels.forEach((level, index) => {
            this.add({
                id: taskId(index),
                kind: 'userTask',
                name: `${level.party} (${chain.id} level ${index + 1})`,
                candidateGroups: [level.party],
                formId: formId(this.workflow, step),
                properties: [['hitl.escalation', chain.key], ['hitl.level', String(index + 1)], ['hitl.for', step.id], ...(level.channel ? [['hitl.channel', level.channel] as const] : [])],
            });
        });
        chain.levels.forEach((level, index) => {
            this.flow(taskId(index), this.acted(step));
            const last = index + 1 === chain.levels.length;
            // As the simulator: a level without a deadline waits, and so does the last one when the chain says nothing more.
            if (!level.within || (last && !chain.onTimeout)) return;
            const boundary = this.add({ id: `${taskId(index)}-timeout`, kind: 'boundaryEvent', name: `${level.within} passed`, attachedTo: taskId(index), timer: level.within });
            this.flow(boundary, last ? this.timeoutAction(step, chain.onTimeout!) : taskId(index + 1));
        });
        return taskId(0);
    }

    // ------------------------------------------------------------ elements

    private add(node: BpmnNode): string {
        if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
        return node.id;
    }

    private end(id: string, name: string, ending: string): string {
        return this.add({ id, kind: 'endEvent', name, ending });
    }

    private flow(source: string, target: string, extra: Pick<BpmnFlow, 'name' | 'condition' | 'isDefault'> = {}): void {
        this.flows.push({ id: '', source, target, ...extra });
    }
}

const isThen = (route: Route) => route.kind === 'then';
const isBranch = (route: Route) => route.kind === 'when' || route.kind === 'otherwise';


/**
 * BPMN joins flows at a gateway, not at a task or event (bpmnlint `fake-join`), and a gateway
 * either joins or forks (`no-gateway-join-fork`): where several flows meet, an exclusive join
 * gateway `<id>-join` goes in front.
 */
function joinMergingFlows(nodes: Map<string, BpmnNode>, flows: BpmnFlow[]): void {
    const incoming = new Map<string, BpmnFlow[]>();
    const outgoing = new Map<string, number>();
    for (const flow of flows) {
        incoming.set(flow.target, [...(incoming.get(flow.target) ?? []), flow]);
        outgoing.set(flow.source, (outgoing.get(flow.source) ?? 0) + 1);
    }
    for (const [target, arriving] of incoming) {
        const node = nodes.get(target)!;
        if (arriving.length < 2 || (node.kind === 'exclusiveGateway' && (outgoing.get(target) ?? 0) < 2)) continue;
        const join = `${target}-join`;
        nodes.set(join, { id: join, kind: 'exclusiveGateway' });
        for (const flow of arriving) flow.target = join;
        flows.push({ id: '', source: join, target });
    }
}

/** Flow ids from their ends (`source--target`, numbered when two flows share both ends), in a stable order. */
function nameFlows(flows: BpmnFlow[]): void {
    const used = new Map<string, number>();
    for (const flow of flows) {
        const base = `${flow.source}--${flow.target}`;
        const count = (used.get(base) ?? 0) + 1;
        used.set(base, count);
        flow.id = count === 1 ? base : `${base}-${count}`;
    }
}

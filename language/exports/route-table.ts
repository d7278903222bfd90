import type { Gate, HitlModel, ManualQueue, Route, Step, TimeoutAction, Workflow } from '../model/schema.js';
import { deadlineOf, escalationOf, fallbackFor, hasOnward, stepOf } from '../model/paths.js';
import type { RouteChoice, RouteScenario } from './route-scenarios.js';

/**
 * The route table of a workflow: the default route, then one factor at a time (each gate
 * action, an SLA timeout through every escalation level to the chain's final action, each AI
 * failure mode, low confidence, each branch), each with the outcome a reference walk over the
 * model reaches. The walk follows the simulator's rules (language/simulator/engine.ts). A factor
 * at a step the default route does not reach is taken on the first scenario that reaches it,
 * so every step's factors appear once.
 */
export function routeScenarios(model: HitlModel, workflowId: string): RouteScenario[] {
    const workflow = model.workflows.find((candidate) => candidate.id === workflowId);
    if (!workflow) throw new Error(`No workflow named '${workflowId}'.`);
    const walk = (choices: Readonly<Record<string, RouteChoice>>) => walkRoute(model, workflow, choices);
    const scenarios: RouteScenario[] = [];
    const expanded = new Set<string>();
    const pending: Array<{ name: string; choices: Record<string, RouteChoice> }> = [{ name: 'default route', choices: {} }];
    for (let head = 0; head < pending.length; head++) {
        const { name, choices } = pending[head];
        const { expected, path } = walk(choices);
        scenarios.push({ name, choices, expected });
        for (const id of path) {
            if (expanded.has(id) || id in choices) continue;
            expanded.add(id);
            const step = stepOf(workflow, id)!;
            for (const factor of factorsOf(model, workflow, step)) {
                const prefix = name === 'default route' ? '' : `${name}; `;
                pending.push({ name: `${prefix}${factor.name}`, choices: { ...choices, [id]: factor.choice } });
            }
        }
    }
    return scenarios;
}

/** Where a case with these choices ends, and the steps it passes, in the order first reached. */
export function walkRoute(model: HitlModel, workflow: Workflow, choices: Readonly<Record<string, RouteChoice>>): { expected: string; path: string[] } {
    return new Walk(model, workflow, choices).run();
}

const FAILURES = ['unavailable', 'abnormal-output', 'error'] as const;

function factorsOf(model: HitlModel, workflow: Workflow, step: Step): Array<{ name: string; choice: RouteChoice }> {
    const factors: Array<{ name: string; choice: RouteChoice }> = [];
    const branches = branchRoutes(step);
    const branchNames = (index: number) => {
        const route = branches[index];
        return route.kind === 'when' ? `when ${route.text}` : 'otherwise';
    };
    switch (step.kind) {
        case 'ai-step': {
            const declared = FAILURES.filter((mode) => fallbackFor(step, mode));
            // One mode without its own fallback shows what an unhandled failure does.
            const undeclared = FAILURES.find((mode) => !fallbackFor(step, mode));
            for (const mode of [...declared, ...(undeclared ? [undeclared] : [])]) factors.push({ name: `${step.id} ${mode}`, choice: { kind: 'ai', result: mode } });
            if (step.confidenceThreshold !== undefined && fallbackFor(step, 'low-confidence')?.target) factors.push({ name: `${step.id} low confidence`, choice: { kind: 'ai', result: 'low-confidence' } });
            for (let index = 1; index < branches.length; index++) factors.push({ name: `${step.id} ${branchNames(index)}`, choice: { kind: 'ai', result: 'ok', branch: index } });
            break;
        }
        case 'gate': {
            for (const action of step.allows) if (action !== defaultAction(step)) factors.push({ name: `${step.id} ${action}`, choice: { kind: 'gate', action } });
            for (const levels of timeoutLevels(model, workflow, step)) factors.push({ name: `${step.id} ${timeoutName(levels)}`, choice: { kind: 'gate', action: 'timeout', levelsTimingOut: levels.count } });
            break;
        }
        case 'queue':
            for (const levels of timeoutLevels(model, workflow, step)) factors.push({ name: `${step.id} ${timeoutName(levels)}`, choice: { kind: 'queue', action: 'timeout', levelsTimingOut: levels.count } });
            break;
        case 'decision':
        case 'automated-step':
        case 'effect':
            for (let index = 1; index < branches.length; index++) factors.push({ name: `${step.id} ${branchNames(index)}`, choice: { kind: 'decision', branch: index } });
            break;
    }
    return factors;
}

function timeoutName({ count, chain }: { count: number; chain: number }): string {
    if (chain === 0) return 'times out';
    return count < chain ? `times out, level ${count + 1} acts` : 'times out, every level times out';
}

/** The timeout scenarios of a gate or queue: one per number of escalation levels timing out, as far as the levels have a deadline. */
function timeoutLevels(model: HitlModel, workflow: Workflow, step: Gate | ManualQueue): Array<{ count: number; chain: number }> {
    const route = timeoutRoute(step);
    const sla = deadlineOf(step);
    if (!sla || !route || (!route.target && !route.action)) return [];
    const chain = !route.target && route.action ? chainOf(model, workflow, route.action) : undefined;
    if (!chain) return [{ count: 0, chain: 0 }];
    const counts: Array<{ count: number; chain: number }> = [];
    for (let count = 0; count <= chain.levels.length; count++) {
        counts.push({ count, chain: chain.levels.length });
        const level = chain.levels[count];
        // The next scenario needs this level to time out: it must have a deadline, and the last one a final action.
        if (!level?.within || (count + 1 === chain.levels.length && !chain.onTimeout)) break;
    }
    return counts;
}

interface Chain {
    readonly levels: ReadonlyArray<{ readonly within?: number }>;
    readonly onTimeout?: TimeoutAction;
}

/** The escalation chain a timeout action enters, as the simulator builds it; undefined when the action does not escalate. */
function chainOf(model: HitlModel, workflow: Workflow, action: TimeoutAction): Chain | undefined {
    if (action.kind !== 'escalate' || !action.target) return undefined;
    if (action.target.kind === 'party') return { levels: [{}] };
    const escalation = escalationOf(model, workflow, action.target);
    if (!escalation) return undefined;
    const levels = escalation.chain.levels.filter((level) => level.party).map((level) => ({ within: level.within?.seconds }));
    return levels.length > 0 ? { levels, onTimeout: escalation.chain.onTimeout } : undefined;
}

function timeoutRoute(step: Step) {
    const route = step.kind === 'outcome' ? undefined : step.routes.find((r) => r.kind === 'on' && r.event === 'timeout');
    return route?.kind === 'on' ? route : undefined;
}

function branchRoutes(step: Step): Route[] {
    if (step.kind === 'outcome' || step.routes.some((route) => route.kind === 'then' && route.target)) return [];
    return step.routes.filter((route) => (route.kind === 'when' || route.kind === 'otherwise') && route.target);
}

function defaultAction(gate: Gate) {
    return gate.allows.length === 0 || gate.allows.includes('approve') ? 'approve' : gate.allows[0];
}

const MAX_TRANSITIONS = 1000;

/** One case walked through the workflow with the scenario's choices: the simulator's rules, without time or chance. */
class Walk {
    private readonly seen = new Set<string>();
    readonly path: string[] = [];
    private transitions = 0;

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
        private readonly choices: Readonly<Record<string, RouteChoice>>,
    ) {}

    run(): { expected: string; path: string[] } {
        const expected = this.workflow.start ? this.enter(this.workflow.start) : 'stopped:no-start';
        return { expected, path: this.path };
    }

    private enter(id: string): string {
        if (++this.transitions > MAX_TRANSITIONS) return 'loop-limit';
        const step = stepOf(this.workflow, id);
        if (!step) return `stopped:${id}`;
        const first = !this.seen.has(id);
        this.seen.add(id);
        if (first) this.path.push(id);
        const choice = first ? this.choices[id] : undefined;
        switch (step.kind) {
            case 'outcome':
                return step.id;
            case 'ai-step': {
                const result = choice?.kind === 'ai' ? choice.result : 'ok';
                if (result === 'unavailable' || result === 'abnormal-output' || result === 'error') {
                    const fallback = fallbackFor(step, result) ?? fallbackFor(step, 'error');
                    return fallback?.target ? this.enter(fallback.target) : `failed:${result}`;
                }
                const lowConfidence = fallbackFor(step, 'low-confidence');
                if (result === 'low-confidence' && step.confidenceThreshold !== undefined && lowConfidence?.target) return this.enter(lowConfidence.target);
                return this.onward(step, choice?.kind === 'ai' ? (choice.branch ?? 0) : 0);
            }
            case 'decision':
            case 'automated-step':
            case 'effect':
                return this.onward(step, choice?.kind === 'decision' ? choice.branch : 0);
            case 'gate':
            case 'queue': {
                if ((choice?.kind === 'gate' || choice?.kind === 'queue') && choice.action === 'timeout') return this.timeout(step, choice.levelsTimingOut ?? 0);
                return this.acted(step, choice?.kind === 'gate' && choice.action !== 'timeout' ? choice.action : undefined);
            }
        }
    }

    /** A person at the step (or at a level of its escalation) acted; at a gate, with this action. */
    private acted(step: Gate | ManualQueue, chosen: string | undefined): string {
        if (step.kind === 'queue') return this.onward(step, 0);
        const action = chosen ?? defaultAction(step);
        const route = step.routes.find((r) => r.kind === 'on' && r.event === action && r.target);
        if (route?.target) return this.enter(route.target);
        // Asked for more information, the reviewer looks again, and takes the default.
        if (action === 'request-info') return this.enter(step.id);
        if (action === 'reject' && !hasOnward(step)) return 'rejected';
        return this.onward(step, 0);
    }

    private timeout(step: Gate | ManualQueue, levelsTimingOut: number): string {
        const route = timeoutRoute(step);
        if (!route || (!route.target && !route.action)) return this.acted(step, undefined);
        if (route.target) return this.enter(route.target);
        return this.timeoutAction(step, route.action!, levelsTimingOut);
    }

    private timeoutAction(step: Gate | ManualQueue, action: TimeoutAction, levelsTimingOut: number): string {
        const routeOn = (event: string) => step.routes.find((r) => r.kind === 'on' && r.event === event && r.target)?.target;
        switch (action.kind) {
            case 'pause':
                return 'paused';
            case 'deny': {
                const reject = routeOn('reject');
                return reject ? this.enter(reject) : 'denied';
            }
            case 'approve':
            case 'skip': {
                const approve = routeOn('approve');
                if (action.kind === 'approve' && approve) return this.enter(approve);
                if (hasOnward(step)) return this.onward(step, 0);
                return approve ? this.enter(approve) : `stopped:${step.id}`;
            }
            case 'escalate': {
                const chain = chainOf(this.model, this.workflow, action);
                if (!chain) {
                    const escalation = action.target?.kind === 'escalation' ? escalationOf(this.model, this.workflow, action.target) : undefined;
                    return escalation?.chain.onTimeout ? this.timeoutAction(step, escalation.chain.onTimeout, levelsTimingOut) : 'stopped:escalation';
                }
                if (levelsTimingOut < chain.levels.length) return this.acted(step, undefined);
                return chain.onTimeout ? this.timeoutAction(step, chain.onTimeout, levelsTimingOut - chain.levels.length) : 'stopped:escalation';
            }
        }
    }

    private onward(step: Step, branch: number): string {
        if (step.kind === 'outcome') return step.id;
        const then = step.routes.find((route) => route.kind === 'then' && route.target);
        if (then?.target) return this.enter(then.target);
        const branches = branchRoutes(step);
        if (branches.length === 0) return `stopped:${step.id}`;
        return this.enter(branches[Math.min(branch, branches.length - 1)].target!);
    }
}

import type { AiStep, Condition, Gate, HitlModel, Literal, ManualQueue, Route, Step, TimeoutAction, Workflow } from '../model/schema.js';
import { escalationOf, fallbackFor } from '../model/paths.js';
import { refKey } from '../model/parties.js';
import type { GateAction } from '../model/vocabulary.js';
import { sample, type Distribution } from './distributions.js';
import { EventQueue } from './event-queue.js';
import { Random } from './random.js';
import { DEFAULTS, type Scenario } from './scenario.js';
import { quantile, round } from './statistics.js';

/**
 * One run of a workflow: a discrete-event simulation over the compiled model. Cases arrive
 * (Poisson), move step by step along the declared routes; AI steps take a latency, may fail
 * (taking the declared fallback) and draw a confidence routed by the declared threshold; gates
 * and queues wait for one of the finite people of their role (FIFO) and run an SLA timer that
 * fires the declared timeout action, escalating level by level along a chain. A pure function
 * of (model, workflow, scenario, seed, replication).
 */

export interface RunOptions {
    readonly workflow: string;
    readonly scenario?: Scenario;
    readonly seed: number;
    /** Replication r draws from the r-th independent stream of the seed. */
    readonly replication?: number;
}

export interface StationResult {
    readonly step: string;
    readonly kind: 'gate' | 'queue';
    readonly party: string;
    readonly staff: number;
    /** The SLA (gate) or timeout (queue) in seconds, when declared. */
    readonly sla?: number;
    readonly entered: number;
    /** Items a person there acted on (not counting those escalated away). */
    readonly served: number;
    /** Mean time from entering to a person starting on it, over the items a person started. */
    readonly meanWait: number;
    /** Share of items a person started on that had to wait at all. */
    readonly waitedShare: number;
    /** This station's busy time over the staff's time. */
    readonly utilisation: number;
    readonly slaBreaches: number;
    readonly breachRate: number;
    /** What the SLA timer did, by action (`route` for an `on timeout -> Step`, `none` when nothing is declared). */
    readonly timeouts: Readonly<Record<string, number>>;
}

export interface RoleResult {
    readonly party: string;
    readonly staff: number;
    readonly tasks: number;
    readonly busyHours: number;
    readonly utilisation: number;
}

export interface EscalationResult {
    /** `workflow:Name` or `shared:Name`, or `party:Name` for a direct escalation to a party. */
    readonly escalation: string;
    readonly entered: number;
    readonly levels: ReadonlyArray<{ readonly level: number; readonly party: string; readonly reached: number; readonly timedOut: number }>;
    /** Items whose last level timed out too. */
    readonly exhausted: number;
}

export interface AiStepResult {
    readonly step: string;
    readonly runs: number;
    readonly lowConfidence: number;
    readonly lowConfidenceShare: number;
    readonly failures: Readonly<Record<string, number>>;
}

export interface RunResult {
    readonly workflow: string;
    readonly seed: number;
    readonly replication: number;
    readonly cases: { readonly arrived: number; readonly measured: number; readonly finished: number; readonly inProgress: number };
    readonly simulatedSeconds: number;
    readonly events: number;
    /** Shares over the measured cases that finished. */
    readonly people: { readonly reachedPerson: number; readonly decidedByPerson: number; readonly withoutPerson: number };
    /** Seconds from arrival to outcome, over the measured cases that finished. */
    readonly cycleTime: { readonly mean: number; readonly p50: number; readonly p90: number; readonly p95: number; readonly p99: number };
    /** Per outcome step (or `denied`, `paused`, `rejected`, `failed:<mode>`, `stopped:<step>`, `loop-limit` when the run ends a case another way). */
    readonly outcomes: ReadonlyArray<{ readonly outcome: string; readonly count: number; readonly share: number }>;
    readonly stations: readonly StationResult[];
    readonly roles: readonly RoleResult[];
    readonly escalations: readonly EscalationResult[];
    readonly aiSteps: readonly AiStepResult[];
}

interface Case {
    readonly id: number;
    readonly arrival: number;
    readonly attributes: ReadonlyMap<string, number | string>;
    reachedPerson: boolean;
    decidedByPerson: boolean;
    transitions: number;
    finished: boolean;
}

interface Pool {
    readonly party: string;
    readonly staff: number;
    busy: number;
    readonly queue: Task[];
    head: number;
    busySeconds: number;
    tasks: number;
}

/** An item waiting for, or with, a person: at a gate or queue (level -1) or at a level of an escalation. */
interface Task {
    readonly case: Case;
    readonly step: Gate | ManualQueue;
    readonly pool: Pool;
    readonly enteredAt: number;
    readonly level: number;
    readonly chain?: EscalationChain;
    alive: boolean;
    started: number;
    /** When the person now on it started (this service). */
    serviceStart: number;
    inService: boolean;
    /** Counts service starts, so a stale `done` (from before a request for information) is ignored. */
    service: number;
}

interface EscalationChain {
    readonly key: string;
    readonly levels: ReadonlyArray<{ readonly party: string; readonly within?: number }>;
    readonly onTimeout?: TimeoutAction;
}

type Event =
    | { readonly type: 'arrive' }
    | { readonly type: 'ai-done'; readonly case: Case; readonly step: AiStep }
    | { readonly type: 'pass'; readonly case: Case; readonly step: Step }
    | { readonly type: 'done'; readonly task: Task; readonly service: number }
    | { readonly type: 'deadline'; readonly task: Task }
    | { readonly type: 'requeue'; readonly task: Task };

interface StationStats {
    entered: number;
    measuredEntered: number;
    served: number;
    started: number;
    waited: number;
    waitSum: number;
    busySeconds: number;
    breaches: number;
    readonly timeouts: Map<string, number>;
}

const FAILURES = ['unavailable', 'abnormal-output', 'error'] as const;

export function simulateRun(model: HitlModel, options: RunOptions): RunResult {
    const workflow = model.workflows.find((candidate) => candidate.id === options.workflow);
    if (!workflow) throw new Error(`No workflow named '${options.workflow}'.`);
    return new Run(model, workflow, options).execute();
}

class Run {
    private readonly scenario: Scenario;
    private readonly random: Random;
    private readonly events = new EventQueue<Event>();
    private readonly steps: ReadonlyMap<string, Step>;
    private readonly pools = new Map<string, Pool>();
    private readonly stations = new Map<string, StationStats>();
    private readonly escalations = new Map<string, { entered: number; levels: Array<{ party: string; reached: number; timedOut: number }>; exhausted: number }>();
    private readonly aiStats = new Map<string, { runs: number; lowConfidence: number; failures: Map<string, number> }>();
    private readonly outcomes = new Map<string, number>();
    private readonly cycleTimes: number[] = [];
    private readonly warmup: number;
    private readonly cases: number;
    private now = 0;
    private arrived = 0;
    private finished = 0;
    private measuredFinished = 0;
    private reachedPerson = 0;
    private decidedByPerson = 0;
    private processed = 0;

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
        private readonly options: RunOptions,
    ) {
        this.scenario = options.scenario ?? {};
        this.random = Random.fromSeed(options.seed).stream(options.replication ?? 0);
        this.steps = new Map(workflow.steps.map((step) => [step.id, step]));
        for (const id of Object.keys(this.scenario.steps ?? {})) {
            if (!this.steps.has(id)) throw new Error(`The scenario names step '${id}', which workflow ${workflow.id} does not have.`);
        }
        this.warmup = this.scenario.warmupCases ?? 0;
        this.cases = this.scenario.cases ?? DEFAULTS.cases;
        for (const step of workflow.steps) {
            if (step.kind === 'gate' || step.kind === 'queue') this.stations.set(step.id, { entered: 0, measuredEntered: 0, served: 0, started: 0, waited: 0, waitSum: 0, busySeconds: 0, breaches: 0, timeouts: new Map() });
            if (step.kind === 'ai-step') this.aiStats.set(step.id, { runs: 0, lowConfidence: 0, failures: new Map() });
        }
    }

    execute(): RunResult {
        const horizon = this.scenario.horizon ?? Infinity;
        if (this.cases > 0) this.events.push(this.interarrival(), { type: 'arrive' });
        for (;;) {
            const next = this.events.peekTime();
            if (next === undefined || next > horizon) break;
            const { time, item } = this.events.pop()!;
            this.now = time;
            this.processed++;
            this.handle(item);
        }
        if (horizon !== Infinity) this.now = Math.max(this.now, horizon);
        return this.results();
    }

    // ------------------------------------------------------------ events

    private handle(event: Event): void {
        switch (event.type) {
            case 'arrive':
                return this.arrive();
            case 'ai-done':
                return this.aiDone(event.case, event.step);
            case 'pass':
                return this.onward(event.case, event.step);
            case 'done':
                if (event.task.alive && event.task.service === event.service) this.taskDone(event.task);
                return;
            case 'deadline':
                if (event.task.alive) this.deadline(event.task);
                return;
            case 'requeue':
                if (event.task.alive) this.enqueue(event.task);
                return;
        }
    }

    private interarrival(): number {
        const arrivals = this.scenario.arrivals;
        if (arrivals && arrivals.kind !== 'poisson') throw new Error(`Arrivals of kind '${arrivals.kind}' are not simulated yet.`);
        const rate = arrivals?.ratePerHour ?? DEFAULTS.ratePerHour;
        return this.now + sample({ kind: 'exponential', mean: 3600 / rate }, this.random);
    }

    private arrive(): void {
        const attributes = new Map<string, number | string>();
        for (const [name, model] of Object.entries(this.scenario.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            if (model.kind === 'number') attributes.set(name, sample(model.distribution, this.random));
            else {
                const values = Object.keys(model.values);
                attributes.set(name, values[Math.max(0, this.random.pick(values.map((value) => model.values[value])))]);
            }
        }
        const item: Case = { id: this.arrived++, arrival: this.now, attributes, reachedPerson: false, decidedByPerson: false, transitions: 0, finished: false };
        if (this.arrived < this.cases) this.events.push(this.interarrival(), { type: 'arrive' });
        if (this.workflow.start) this.enter(item, this.workflow.start);
        else this.finish(item, 'stopped:no-start');
    }

    private enter(item: Case, stepId: string): void {
        if (item.finished) return;
        if (++item.transitions > DEFAULTS.maxTransitions) return this.finish(item, 'loop-limit');
        const step = this.steps.get(stepId);
        if (!step) return this.finish(item, `stopped:${stepId}`);
        switch (step.kind) {
            case 'ai-step':
                this.events.push(this.now + sample(this.stepScenario(step.id)?.duration ?? DEFAULTS.aiLatency, this.random), { type: 'ai-done', case: item, step });
                return;
            case 'automated-step':
            case 'effect':
                this.events.push(this.now + sample(this.stepScenario(step.id)?.duration ?? DEFAULTS.processing, this.random), { type: 'pass', case: item, step });
                return;
            case 'decision':
                return this.onward(item, step);
            case 'outcome':
                return this.finish(item, step.id);
            case 'gate':
            case 'queue': {
                item.reachedPerson = true;
                const stats = this.stations.get(step.id)!;
                stats.entered++;
                if (this.measured(item)) stats.measuredEntered++;
                const party = step.kind === 'gate' ? step.reviewers[0] : step.owner;
                const task = this.newTask(item, step, this.pool(party ?? `(nobody at ${step.id})`), -1);
                const sla = step.kind === 'gate' ? step.sla : (step.timeout ?? step.sla);
                if (sla) this.events.push(this.now + sla.seconds, { type: 'deadline', task });
                this.enqueue(task);
                return;
            }
        }
    }

    private aiDone(item: Case, step: AiStep): void {
        const stats = this.aiStats.get(step.id)!;
        stats.runs++;
        const declared = this.stepScenario(step.id)?.failures ?? {};
        const probabilities = FAILURES.map((mode) => declared[mode] ?? DEFAULTS.failures[mode]);
        const none = Math.max(0, 1 - probabilities.reduce((sum, p) => sum + p, 0));
        const failed = this.random.pick([...probabilities, none]);
        if (failed >= 0 && failed < FAILURES.length) {
            const mode = FAILURES[failed];
            stats.failures.set(mode, (stats.failures.get(mode) ?? 0) + 1);
            const fallback = fallbackFor(step, mode) ?? fallbackFor(step, 'error');
            if (fallback?.target) return this.enter(item, fallback.target);
            return this.finish(item, `failed:${mode}`);
        }
        if (step.confidenceThreshold !== undefined) {
            const confidence = sample(this.stepScenario(step.id)?.confidence ?? DEFAULTS.confidence, this.random);
            if (confidence < step.confidenceThreshold) {
                stats.lowConfidence++;
                const fallback = fallbackFor(step, 'low-confidence');
                if (fallback?.target) return this.enter(item, fallback.target);
            }
        }
        this.onward(item, step);
    }

    // ------------------------------------------------------------ people

    private pool(party: string): Pool {
        let pool = this.pools.get(party);
        if (!pool) {
            const staff = this.scenario.roles?.[party]?.staff ?? DEFAULTS.staff;
            pool = { party, staff, busy: 0, queue: [], head: 0, busySeconds: 0, tasks: 0 };
            this.pools.set(party, pool);
        }
        return pool;
    }

    private newTask(item: Case, step: Gate | ManualQueue, pool: Pool, level: number, chain?: EscalationChain): Task {
        return { case: item, step, pool, enteredAt: this.now, level, chain, alive: true, started: -1, serviceStart: -1, inService: false, service: 0 };
    }

    private enqueue(task: Task): void {
        task.pool.queue.push(task);
        this.dispatch(task.pool);
    }

    /** Starts waiting items, first come first served, while someone in the pool is free. */
    private dispatch(pool: Pool): void {
        while (pool.busy < pool.staff && pool.head < pool.queue.length) {
            const task = pool.queue[pool.head++];
            if (!task.alive) continue;
            pool.busy++;
            pool.tasks++;
            task.service++;
            if (task.started < 0) {
                task.started = this.now;
                if (task.level < 0 && this.measured(task.case)) {
                    const stats = this.stations.get(task.step.id)!;
                    stats.started++;
                    stats.waitSum += this.now - task.enteredAt;
                    if (this.now > task.enteredAt) stats.waited++;
                }
            }
            task.serviceStart = this.now;
            task.inService = true;
            const handling = (task.level >= 0 ? this.scenario.roles?.[pool.party]?.handling : undefined) ?? this.stepScenario(task.step.id)?.duration ?? this.scenario.roles?.[pool.party]?.handling ?? DEFAULTS.handling;
            this.events.push(this.now + sample(handling, this.random), { type: 'done', task, service: task.service });
        }
        // Drop the handled prefix now and then, so a long run does not keep every item.
        if (pool.head > 1024 && pool.head * 2 > pool.queue.length) {
            pool.queue.splice(0, pool.head);
            pool.head = 0;
        }
    }

    /** The person working on a task stops (done, or the timer took it away). */
    private release(task: Task): void {
        const start = task.serviceStart;
        task.inService = false;
        task.pool.busy--;
        task.pool.busySeconds += this.now - start;
        this.stations.get(task.step.id)!.busySeconds += this.now - start;
        this.dispatch(task.pool);
    }

    private taskDone(task: Task): void {
        const item = task.case;
        const step = task.step;
        const action = step.kind === 'gate' ? this.drawAction(step) : undefined;
        if (action === 'request-info') {
            this.release(task);
            this.events.push(this.now + sample(DEFAULTS.requestInfoDelay, this.random), { type: 'requeue', task });
            return;
        }
        task.alive = false;
        item.decidedByPerson = true;
        if (task.level < 0) this.stations.get(step.id)!.served++;
        this.release(task);
        const route = action ? step.routes.find((r) => r.kind === 'on' && r.event === action && r.target) : undefined;
        if (route?.target) return this.enter(item, route.target);
        if (action === 'reject' && !this.hasOnward(step)) return this.finish(item, 'rejected');
        this.onward(item, step);
    }

    private drawAction(gate: Gate): GateAction {
        const declared = this.stepScenario(gate.id)?.actions;
        const allowed = gate.allows.length > 0 ? gate.allows : ['approve' as const];
        const weights = allowed.map((action) => (declared ? (declared[action] ?? 0) : DEFAULTS.actions[action]));
        const index = this.random.pick(weights);
        return index < 0 ? allowed[0] : allowed[index];
    }

    private deadline(task: Task): void {
        const step = task.step;
        if (task.level < 0) {
            const stats = this.stations.get(step.id)!;
            if (this.measured(task.case)) stats.breaches++;
            const timeout = step.routes.find((route) => route.kind === 'on' && route.event === 'timeout');
            const action = timeout?.kind === 'on' ? (timeout.target ? 'route' : (timeout.action?.kind ?? 'none')) : 'none';
            if (this.measured(task.case)) stats.timeouts.set(action, (stats.timeouts.get(action) ?? 0) + 1);
            if (action === 'none' || timeout?.kind !== 'on') return; // the breach is counted; the item keeps waiting
            this.takeAway(task);
            if (timeout.target) return this.enter(task.case, timeout.target);
            return this.timeoutAction(task.case, step, timeout.action!);
        }
        // A level of an escalation chain timed out: the next level, or the chain's own timeout action.
        const chain = task.chain!;
        const stats = this.escalations.get(chain.key)!;
        stats.levels[task.level].timedOut++;
        this.takeAway(task);
        if (task.level + 1 < chain.levels.length) return this.escalateTo(task.case, step, chain, task.level + 1);
        stats.exhausted++;
        if (chain.onTimeout) return this.timeoutAction(task.case, step, chain.onTimeout);
    }

    /** The timer takes the item from whoever holds it. */
    private takeAway(task: Task): void {
        task.alive = false;
        if (task.inService) this.release(task);
    }

    private timeoutAction(item: Case, step: Gate | ManualQueue, action: TimeoutAction): void {
        switch (action.kind) {
            case 'escalate': {
                if (!action.target) return this.finish(item, 'stopped:escalation');
                if (action.target.kind === 'party') {
                    const chain = this.chainOf(`party:${action.target.id}`, [{ party: action.target.id }], undefined);
                    return this.escalateTo(item, step, chain, 0);
                }
                const escalation = escalationOf(this.model, this.workflow, action.target);
                if (!escalation) return this.finish(item, 'stopped:escalation');
                const levels = escalation.chain.levels.filter((level) => level.party).map((level) => ({ party: level.party!, within: level.within?.seconds }));
                if (levels.length === 0) return escalation.chain.onTimeout ? this.timeoutAction(item, step, escalation.chain.onTimeout) : this.finish(item, 'stopped:escalation');
                return this.escalateTo(item, step, this.chainOf(refKey(action.target), levels, escalation.chain.onTimeout), 0);
            }
            case 'pause':
                return this.finish(item, 'paused');
            case 'deny': {
                const reject = step.routes.find((route) => route.kind === 'on' && route.event === 'reject' && route.target);
                return reject?.target ? this.enter(item, reject.target) : this.finish(item, 'denied');
            }
            case 'approve':
            case 'skip': {
                const approve = step.routes.find((route) => route.kind === 'on' && route.event === 'approve' && route.target);
                if (action.kind === 'approve' && approve?.target) return this.enter(item, approve.target);
                if (this.hasOnward(step)) return this.onward(item, step);
                return approve?.target ? this.enter(item, approve.target) : this.finish(item, `stopped:${step.id}`);
            }
        }
    }

    private chainOf(key: string, levels: EscalationChain['levels'], onTimeout: TimeoutAction | undefined): EscalationChain {
        if (!this.escalations.has(key)) this.escalations.set(key, { entered: 0, levels: levels.map((level) => ({ party: level.party, reached: 0, timedOut: 0 })), exhausted: 0 });
        return { key, levels, onTimeout };
    }

    private escalateTo(item: Case, step: Gate | ManualQueue, chain: EscalationChain, level: number): void {
        const stats = this.escalations.get(chain.key)!;
        if (level === 0) stats.entered++;
        stats.levels[level].reached++;
        item.reachedPerson = true;
        const task = this.newTask(item, step, this.pool(chain.levels[level].party), level, chain);
        const within = chain.levels[level].within;
        if (within !== undefined) this.events.push(this.now + within, { type: 'deadline', task });
        this.enqueue(task);
    }

    // ------------------------------------------------------------ routes

    private hasOnward(step: Step): boolean {
        return step.kind !== 'outcome' && step.routes.some((route) => (route.kind === 'then' || route.kind === 'when' || route.kind === 'otherwise') && route.target);
    }

    /**
     * The onward route: `then`; else the `when` routes in order with `otherwise`, evaluated on
     * the case's attributes when the scenario gives every field they test, else drawn by the
     * declared `probability` hints (the rest shared equally by the routes without one).
     */
    private onward(item: Case, step: Step): void {
        if (step.kind === 'outcome') return this.finish(item, step.id);
        const routes = step.routes.filter((route) => (route.kind === 'then' || route.kind === 'when' || route.kind === 'otherwise') && route.target);
        if (routes.length === 0) return this.finish(item, `stopped:${step.id}`);
        const then = routes.find((route) => route.kind === 'then');
        if (then) return this.enter(item, then.target!);
        if (item.attributes.size > 0 && routes.every((route) => route.kind !== 'when' || this.evaluable(route.condition))) {
            const taken = routes.find((route) => route.kind === 'otherwise' || (route.kind === 'when' && this.holds(route.condition, item)));
            return taken ? this.enter(item, taken.target!) : this.finish(item, `stopped:${step.id}`);
        }
        const index = this.random.pick(branchWeights(routes));
        this.enter(item, routes[Math.max(0, index)].target!);
    }

    private evaluable(condition: Condition): boolean {
        switch (condition.kind) {
            case 'comparison':
                return this.scenario.attributes?.[condition.field] !== undefined;
            case 'category': {
                const definition = this.workflow.categories.find((category) => category.id === condition.category)?.definition;
                return definition !== undefined && this.evaluable(definition);
            }
            case 'and':
            case 'or':
                return condition.operands.every((operand) => this.evaluable(operand));
            case 'not':
                return this.evaluable(condition.operand);
            default:
                return false;
        }
    }

    private holds(condition: Condition, item: Case): boolean {
        switch (condition.kind) {
            case 'comparison':
                return compare(item.attributes.get(condition.field), condition.operator, condition.value);
            case 'category': {
                const definition = this.workflow.categories.find((category) => category.id === condition.category)?.definition;
                return definition !== undefined && this.holds(definition, item);
            }
            case 'and':
                return condition.operands.every((operand) => this.holds(operand, item));
            case 'or':
                return condition.operands.some((operand) => this.holds(operand, item));
            case 'not':
                return !this.holds(condition.operand, item);
            default:
                return false;
        }
    }

    // ------------------------------------------------------------ results

    private stepScenario(id: string) {
        return this.scenario.steps?.[id];
    }

    private measured(item: Case): boolean {
        return item.id >= this.warmup;
    }

    private finish(item: Case, outcome: string): void {
        if (item.finished) return;
        item.finished = true;
        this.finished++;
        if (!this.measured(item)) return;
        this.measuredFinished++;
        this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
        this.cycleTimes.push(this.now - item.arrival);
        if (item.reachedPerson) this.reachedPerson++;
        if (item.decidedByPerson) this.decidedByPerson++;
    }

    private results(): RunResult {
        const span = this.now;
        const share = (count: number, of: number) => (of > 0 ? round(count / of, 6) : 0);
        const sorted = Float64Array.from(this.cycleTimes).sort();
        const mean = sorted.length > 0 ? sorted.reduce((sum, x) => sum + x, 0) / sorted.length : 0;
        const byId = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const counts = (map: ReadonlyMap<string, number>) => Object.fromEntries(byId(map));
        const stations: StationResult[] = [];
        for (const step of this.workflow.steps) {
            if (step.kind !== 'gate' && step.kind !== 'queue') continue;
            const stats = this.stations.get(step.id)!;
            const party = (step.kind === 'gate' ? step.reviewers[0] : step.owner) ?? `(nobody at ${step.id})`;
            const staff = this.pools.get(party)?.staff ?? this.scenario.roles?.[party]?.staff ?? DEFAULTS.staff;
            const sla = step.kind === 'gate' ? step.sla : (step.timeout ?? step.sla);
            stations.push({
                step: step.id,
                kind: step.kind,
                party,
                staff,
                ...(sla ? { sla: sla.seconds } : {}),
                entered: stats.entered,
                served: stats.served,
                meanWait: stats.started > 0 ? round(stats.waitSum / stats.started, 3) : 0,
                waitedShare: share(stats.waited, stats.started),
                utilisation: staff > 0 && span > 0 ? round(stats.busySeconds / (staff * span), 6) : 0,
                slaBreaches: stats.breaches,
                breachRate: share(stats.breaches, stats.measuredEntered),
                timeouts: counts(stats.timeouts),
            });
        }
        return {
            workflow: this.workflow.id,
            seed: this.options.seed,
            replication: this.options.replication ?? 0,
            cases: { arrived: this.arrived, measured: Math.max(0, this.arrived - this.warmup), finished: this.finished, inProgress: this.arrived - this.finished },
            simulatedSeconds: round(span, 3),
            events: this.processed,
            people: {
                reachedPerson: share(this.reachedPerson, this.measuredFinished),
                decidedByPerson: share(this.decidedByPerson, this.measuredFinished),
                withoutPerson: share(this.measuredFinished - this.decidedByPerson, this.measuredFinished),
            },
            cycleTime: {
                mean: round(mean, 3),
                p50: round(quantile(sorted, 0.5), 3),
                p90: round(quantile(sorted, 0.9), 3),
                p95: round(quantile(sorted, 0.95), 3),
                p99: round(quantile(sorted, 0.99), 3),
            },
            outcomes: byId(this.outcomes).map(([outcome, count]) => ({ outcome, count, share: share(count, this.measuredFinished) })),
            stations,
            roles: byId(this.pools).map(([party, pool]) => ({
                party,
                staff: pool.staff,
                tasks: pool.tasks,
                busyHours: round(pool.busySeconds / 3600, 3),
                utilisation: pool.staff > 0 && span > 0 ? round(pool.busySeconds / (pool.staff * span), 6) : 0,
            })),
            escalations: byId(this.escalations).map(([escalation, stats]) => ({
                escalation,
                entered: stats.entered,
                levels: stats.levels.map((level, index) => ({ level: index + 1, party: level.party, reached: level.reached, timedOut: level.timedOut })),
                exhausted: stats.exhausted,
            })),
            aiSteps: byId(this.aiStats).map(([step, stats]) => ({
                step,
                runs: stats.runs,
                lowConfidence: stats.lowConfidence,
                lowConfidenceShare: share(stats.lowConfidence, stats.runs),
                failures: counts(stats.failures),
            })),
        };
    }
}

/** Weights of the onward routes: declared probabilities, the rest shared equally by the routes without one. */
export function branchWeights(routes: readonly Route[]): number[] {
    const declared = routes.map((route) => (route.kind === 'when' ? route.probability : undefined));
    const given = declared.reduce<number>((sum, p) => sum + (p ?? 0), 0);
    const open = declared.filter((p) => p === undefined).length;
    const rest = Math.max(0, 1 - given);
    return declared.map((p) => (p !== undefined ? p : open > 0 ? rest / open : 0));
}

function compare(actual: number | string | undefined, operator: string, expected: Literal): boolean {
    if (actual === undefined) return false;
    const value = expected.value;
    if (operator === '==') return actual === value;
    if (operator === '!=') return actual !== value;
    if (typeof actual !== 'number' || typeof value !== 'number') return false;
    switch (operator) {
        case '<':
            return actual < value;
        case '<=':
            return actual <= value;
        case '>':
            return actual > value;
        case '>=':
            return actual >= value;
    }
    return false;
}

export type { Distribution };

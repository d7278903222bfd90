import type { AiStep, Condition, Decision, Gate, HitlModel, Literal, ManualQueue, Route, Step, TimeoutAction, Workflow } from '../model/schema.js';
import { deadlineOf, decisionsReachableFrom, escalationOf, fallbackFor, takerOf } from '../model/paths.js';
import { refKey } from '../model/parties.js';
import { riskRank, RISK_GRADES, type GateAction } from '../model/vocabulary.js';
import { arrivalProcess, startEpochOf, type ArrivalProcess } from './arrivals.js';
import { AuditLog, type AuditRecord } from './audit-records.js';
import { isoTime, WorkingHours } from './calendar.js';
import { sampler, type Sampler } from './distributions.js';
import { EventQueue } from './event-queue.js';
import { Random } from './random.js';
import type { AiStepResult, Load, RoleResult, RunResult, StationResult, TraceEntry } from './results.js';
import { BACKLOG_SAMPLES, DEFAULTS, type Discipline, type Scenario } from './scenario.js';
import { binOf, CYCLE_TIME_BINS, QuantileSketch } from './sketch.js';
import { round } from './statistics.js';
import { formatDuration } from './units.js';

/**
 * One run of a workflow: a discrete-event simulation over the compiled model. Cases arrive,
 * move step by step along the declared routes; AI steps take a latency, may fail (by chance or
 * in an outage window, taking the declared fallback) and draw a confidence routed by the
 * declared threshold; gates and queues wait for a person of their role (in working hours, FIFO
 * or by risk grade; two different people at a four-eyes gate) and run an SLA timer that fires
 * the declared timeout action, escalating level by level along a chain. A pure function of
 * (model, workflow, scenario, seed, replication). docs/simulate.md gives the semantics.
 */

export interface RunOptions {
    readonly workflow: string;
    readonly scenario?: Scenario;
    readonly seed: number;
    /** Replication r draws from the r-th independent stream of the seed. */
    readonly replication?: number;
    /** Trace this case (its number from 0, in order of arrival): the result carries its run step by step. */
    readonly traceCase?: number;
    /** Called with every audit record of the measured cases, as it is written (nothing is kept). */
    readonly onAuditRecord?: (record: AuditRecord) => void;
}

export type { RunResult } from './results.js';

// Event kinds.
const ARRIVE = 0;
const AI_DONE = 1;
const PASS = 2;
const DONE = 3;
const DEADLINE = 4;
const REQUEUE = 5;
const WAKE = 6;

const FAILURES = ['unavailable', 'abnormal-output', 'error'] as const;
const REQUEST_INFO_DELAY = sampler(DEFAULTS.requestInfoDelay);

interface Case {
    readonly id: number;
    readonly arrival: number;
    readonly attributes: Map<string, number | string> | undefined;
    readonly measured: boolean;
    readonly traced: boolean;
    reachedPerson: boolean;
    decidedByPerson: boolean;
    transitions: number;
    finished: boolean;
    /** The last person who acted on it, for the decision's audit record. */
    lastActor: { id: string; role: string } | undefined;
}

/** A step with what the run needs of it worked out once. */
interface Node {
    readonly index: number;
    readonly step: Step;
    readonly duration: Sampler;
    then?: Node;
    /** `when … / otherwise` routes: taken by condition when `byCondition`, else drawn by `weights`. */
    branches?: { readonly routes: Route[]; readonly targets: Node[]; readonly weights: number[]; readonly byCondition: boolean };
    /** A gate's `on <action> -> Step` routes. */
    readonly onAction: Partial<Record<string, Node>>;
    readonly hasOnward: boolean;
    station?: Station;
    ai?: AiInfo;
}

interface Station {
    readonly pool: Pool;
    /** Four-eyes: who takes the second review (the same pool, another person, when one role is named). */
    readonly secondPool: Pool | undefined;
    readonly sla: number | undefined;
    readonly priority: number;
    readonly discipline: Discipline;
    readonly risk: string | undefined;
    readonly actions: readonly GateAction[];
    readonly actionWeights: readonly number[];
    readonly timeout: Extract<Route, { kind: 'on' }> | undefined;
    chain: Chain | undefined;
    entered: number;
    measuredEntered: number;
    served: number;
    started: number;
    waited: number;
    readonly waits: QuantileSketch;
    busySeconds: number;
    breaches: number;
    escalated: number;
    readonly levelsReached: number[];
    readonly timeouts: Map<string, number>;
    readonly fallback: { during: number; outside: number };
}

interface AiInfo {
    readonly confidence: Sampler;
    readonly failures: readonly number[];
    readonly outages: ReadonlyArray<{ readonly from: number; readonly to: number }>;
    runs: number;
    lowConfidence: number;
    outageRuns: number;
    readonly failed: Map<string, number>;
    readonly fallbackLoad: Map<string, { during: number; outside: number }>;
}

interface Pool {
    readonly party: string;
    readonly staff: number;
    readonly handling: Sampler | undefined;
    readonly hours: WorkingHours | undefined;
    readonly discipline: Discipline;
    /** The people not working, by number (from 0). */
    readonly free: number[];
    /** Waiting items by priority (risk rank + 1, 0 for none), each first come first served from its head. */
    readonly buckets: Task[][];
    readonly heads: number[];
    waiting: number;
    wakeAt: number;
    busySeconds: number;
    tasks: number;
    readonly backlog: number[];
}

/** An item waiting for, or with, a person: at a gate or queue (level -1) or at a level of an escalation. */
interface Task {
    readonly case: Case;
    readonly node: Node;
    pool: Pool;
    readonly enteredAt: number;
    readonly level: number;
    readonly chain: Chain | undefined;
    readonly priority: number;
    alive: boolean;
    queued: boolean;
    queuedAt: number;
    started: number;
    serviceStart: number;
    /** The person on it now, or -1. */
    person: number;
    /** Counts service starts, so a stale `done` (from before a request for information) is ignored. */
    service: number;
    /** Four-eyes: 0 for the first review, 1 for the second; the person the second may not be. */
    review: number;
    exclude: number;
    action: GateAction | undefined;
}

/** An item entering a pool: waiting, no one on it yet. */
function newTask(item: Case, node: Node, pool: Pool, now: number, level: number, chain: Chain | undefined, priority: number): Task {
    return { case: item, node, pool, enteredAt: now, level, chain, priority, alive: true, queued: false, queuedAt: -1, started: -1, serviceStart: -1, person: -1, service: 0, review: 0, exclude: -1, action: undefined };
}

interface Chain {
    readonly key: string;
    /** The escalation entered, for audit records; none for a direct escalation to a party. */
    readonly id: string | undefined;
    readonly levels: ReadonlyArray<{ readonly party: string; readonly within?: number; readonly channel?: string; readonly pool: Pool }>;
    readonly onTimeout: TimeoutAction | undefined;
    readonly stats: { entered: number; readonly reached: number[]; readonly timedOut: number[]; exhausted: number };
}

export function simulateRun(model: HitlModel, options: RunOptions): RunResult {
    const workflow = model.workflows.find((candidate) => candidate.id === options.workflow);
    if (!workflow) throw new Error(`No workflow named '${options.workflow}'.`);
    return new Run(model, workflow, options).execute();
}

class Run {
    private readonly scenario: Scenario;
    private readonly random: Random;
    private readonly startEpoch: number;
    private readonly events = new EventQueue<Case | Task | Pool>();
    private readonly nodes: Node[];
    private readonly byId = new Map<string, Node>();
    private readonly startNode: Node | undefined;
    /** How each case attribute is drawn, by name in order. */
    private readonly attributes: Array<[string, (random: Random) => number | string]>;
    private readonly pools = new Map<string, Pool>();
    private readonly chains = new Map<string, Chain>();
    private readonly outcomes = new Map<string, number>();
    private readonly cycleTimes = new QuantileSketch();
    private readonly histogram = new Array<number>(CYCLE_TIME_BINS.length + 1).fill(0);
    /** Every AI step's outage windows, merged, in order. */
    private readonly outageWindows: Array<{ from: number; to: number }>;
    private readonly arrivals: ArrivalProcess;
    private readonly warmup: number;
    private readonly audit: AuditLog | undefined;
    private readonly trace: TraceEntry[] | undefined;
    private backlogEvery: number = DEFAULTS.backlogEvery;
    private nextSample = 0;
    private samples = 0;
    private now = 0;
    private arrived = 0;
    private finished = 0;
    private measuredFinished = 0;
    private reachedPerson = 0;
    private decidedByPerson = 0;
    private processed = 0;
    /** When the first measured case arrived: throughput counts from here. */
    private measuredFrom = -1;

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
        private readonly options: RunOptions,
    ) {
        const scenario = (this.scenario = options.scenario ?? {});
        this.random = Random.fromSeed(options.seed).stream(options.replication ?? 0);
        for (const id of Object.keys(scenario.steps ?? {})) {
            if (!workflow.steps.some((step) => step.id === id)) throw new Error(`The scenario names step '${id}', which workflow ${workflow.id} does not have.`);
        }
        this.startEpoch = startEpochOf(scenario);
        this.arrivals = arrivalProcess(scenario, this.random);
        this.warmup = scenario.warmupCases ?? 0;
        this.audit = options.onAuditRecord ? new AuditLog(model, workflow, this.startEpoch, options.replication ?? 0, options.onAuditRecord) : undefined;
        this.trace = options.traceCase !== undefined ? [] : undefined;
        this.nodes = workflow.steps.map((step, index) => this.node(step, index));
        this.nodes.forEach((node) => this.byId.set(node.step.id, node));
        for (const node of this.nodes) this.link(node);
        this.attributes = Object.entries(scenario.attributes ?? {})
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([name, model]) => {
                if (model.kind === 'number') return [name, sampler(model.distribution)];
                const values = Object.keys(model.values);
                const weights = values.map((value) => model.values[value]);
                return [name, (random: Random) => values[Math.max(0, random.pick(weights))]];
            });
        this.startNode = workflow.start === undefined ? undefined : this.byId.get(workflow.start);
        this.outageWindows = mergeWindows(this.nodes.flatMap((node) => node.ai?.outages ?? []));
    }

    // ------------------------------------------------------------ set-up

    private node(step: Step, index: number): Node {
        const settings = this.scenario.steps?.[step.id];
        const fallbackDuration = step.kind === 'ai-step' ? DEFAULTS.aiLatency : step.kind === 'gate' || step.kind === 'queue' ? DEFAULTS.handling : DEFAULTS.processing;
        const node: Node = {
            index,
            step,
            duration: sampler(settings?.duration ?? fallbackDuration),
            onAction: {},
            hasOnward: step.kind !== 'outcome' && step.routes.some((route) => (route.kind === 'then' || route.kind === 'when' || route.kind === 'otherwise') && route.target !== undefined),
        };
        if (step.kind === 'ai-step') {
            const declared = settings?.failures ?? {};
            const failures = FAILURES.map((mode) => declared[mode] ?? DEFAULTS.failures[mode]);
            node.ai = {
                confidence: sampler(settings?.confidence ?? DEFAULTS.confidence),
                failures: [...failures, Math.max(0, 1 - failures.reduce((sum, p) => sum + p, 0))],
                outages: [...(settings?.outages ?? [])].sort((a, b) => a.from - b.from),
                runs: 0,
                lowConfidence: 0,
                outageRuns: 0,
                failed: new Map(),
                fallbackLoad: new Map(),
            };
        }
        if (step.kind === 'gate' || step.kind === 'queue') node.station = this.station(step, settings?.discipline);
        return node;
    }

    private station(step: Gate | ManualQueue, stepDiscipline: Discipline | undefined): Station {
        const party = takerOf(step) ?? `(nobody at ${step.id})`;
        const pool = this.pool(party);
        const secondParty = step.kind === 'gate' && (step.fourEyes || step.reviewers.length > 1) ? (step.reviewers[1] ?? party) : undefined;
        const secondPool = secondParty === undefined ? undefined : this.pool(secondParty);
        if (secondPool === pool && pool.staff < 2) throw new Error(`Gate ${step.id} needs two different people of ${party} (four-eyes), but ${party} has a staff of ${pool.staff}.`);
        const grades = decisionsReachableFrom(this.workflow, step.id).map((id) => riskRank((this.workflow.steps.find((s) => s.id === id) as Decision).risk));
        const rank = Math.max(-1, ...grades);
        const discipline = stepDiscipline ?? pool.discipline;
        const allowed: GateAction[] = step.kind === 'gate' ? (step.allows.length > 0 ? [...step.allows] : ['approve']) : [];
        const declared = this.scenario.steps?.[step.id]?.actions;
        const sla = deadlineOf(step);
        const timeout = step.routes.find((route): route is Extract<Route, { kind: 'on' }> => route.kind === 'on' && route.event === 'timeout');
        return {
            pool,
            secondPool,
            sla: sla?.seconds,
            priority: discipline === 'risk' ? rank + 1 : 0,
            discipline,
            risk: rank >= 0 ? RISK_GRADES[rank] : undefined,
            actions: allowed,
            actionWeights: allowed.map((action) => (declared ? (declared[action] ?? 0) : DEFAULTS.actions[action])),
            timeout,
            chain: undefined,
            entered: 0,
            measuredEntered: 0,
            served: 0,
            started: 0,
            waited: 0,
            waits: new QuantileSketch(),
            busySeconds: 0,
            breaches: 0,
            escalated: 0,
            levelsReached: [],
            timeouts: new Map(),
            fallback: { during: 0, outside: 0 },
        };
    }

    private link(node: Node): void {
        const step = node.step;
        if (step.kind === 'outcome') return;
        const target = (id: string | undefined) => (id === undefined ? undefined : this.byId.get(id));
        for (const route of step.routes) if (route.kind === 'on' && route.target && !(route.event in node.onAction)) node.onAction[route.event] = target(route.target);
        const onward = step.routes.filter((route) => (route.kind === 'then' || route.kind === 'when' || route.kind === 'otherwise') && route.target);
        const then = onward.find((route) => route.kind === 'then');
        if (then) node.then = target(then.target);
        else if (onward.length > 0) {
            const hasAttributes = Object.keys(this.scenario.attributes ?? {}).length > 0;
            const given = this.scenario.steps?.[step.id]?.branches;
            node.branches = {
                routes: onward,
                targets: onward.map((route) => target(route.target)!),
                weights: given ? normalised(given) : branchWeights(onward),
                byCondition: !given && hasAttributes && onward.every((route) => route.kind !== 'when' || this.evaluable(route.condition)),
            };
        }
        const station = node.station;
        const timeout = station?.timeout?.action;
        if (station && timeout?.kind === 'escalate' && timeout.target) station.chain = this.chainFor(timeout.target);
    }

    private chainFor(target: NonNullable<TimeoutAction['target']>): Chain | undefined {
        if (target.kind === 'party') return this.chain(`party:${target.id}`, undefined, [{ party: target.id }], undefined);
        const escalation = escalationOf(this.model, this.workflow, target);
        if (!escalation) return undefined;
        const levels = escalation.chain.levels.filter((level) => level.party).map((level) => ({ party: level.party!, within: level.within?.seconds, channel: level.channel }));
        return this.chain(refKey(target), escalation.id, levels, escalation.chain.onTimeout);
    }

    private chain(key: string, id: string | undefined, levels: ReadonlyArray<{ party: string; within?: number; channel?: string }>, onTimeout: TimeoutAction | undefined): Chain {
        let chain = this.chains.get(key);
        if (!chain) {
            chain = { key, id, levels: levels.map((level) => ({ ...level, pool: this.pool(level.party) })), onTimeout, stats: { entered: 0, reached: levels.map(() => 0), timedOut: levels.map(() => 0), exhausted: 0 } };
            this.chains.set(key, chain);
        }
        return chain;
    }

    private pool(party: string): Pool {
        let pool = this.pools.get(party);
        if (!pool) {
            const role = this.scenario.roles?.[party];
            const staff = role?.staff ?? DEFAULTS.staff;
            pool = {
                party,
                staff,
                handling: role?.handling ? sampler(role.handling) : undefined,
                hours: role?.calendar ? new WorkingHours(role.calendar, this.startEpoch, this.scenario.timeZone ?? DEFAULTS.timeZone) : undefined,
                discipline: role?.discipline ?? 'fifo',
                // Popped from the end: person 0 is taken first.
                free: Array.from({ length: staff }, (_, i) => staff - 1 - i),
                buckets: RISK_GRADES.map(() => [] as Task[]).concat([[]]),
                heads: [0, ...RISK_GRADES.map(() => 0)],
                waiting: 0,
                wakeAt: -1,
                busySeconds: 0,
                tasks: 0,
                // A party first met mid-run (a chain's last hand-over) had nobody waiting before.
                backlog: new Array<number>(this.samples).fill(0),
            };
            this.pools.set(party, pool);
        }
        return pool;
    }

    // ------------------------------------------------------------ the loop

    execute(): RunResult {
        const horizon = this.scenario.horizon ?? Infinity;
        const events = this.events;
        if (this.arrivals.cases > 0) events.push(this.arrivals.next(0, 0), ARRIVE, undefined as unknown as Case);
        for (;;) {
            const next = events.peekTime();
            if (next === undefined || next > horizon) break;
            events.pop();
            const time = events.time;
            if (time >= this.nextSample) this.sampleBacklog(time);
            this.now = time;
            this.processed++;
            const target = events.target!;
            switch (events.kind) {
                case ARRIVE:
                    this.arrive();
                    break;
                case AI_DONE:
                    this.aiDone(target as Case, this.nodes[events.tag]);
                    break;
                case PASS:
                    this.passed(target as Case, this.nodes[events.tag]);
                    break;
                case DONE: {
                    const task = target as Task;
                    if (task.alive && task.service === events.tag) this.taskDone(task);
                    break;
                }
                case DEADLINE:
                    if ((target as Task).alive) this.deadline(target as Task);
                    break;
                case REQUEUE:
                    if ((target as Task).alive) this.enqueue(target as Task);
                    break;
                case WAKE:
                    (target as Pool).wakeAt = -1;
                    this.dispatch(target as Pool);
                    break;
            }
        }
        if (horizon !== Infinity) this.now = Math.max(this.now, horizon);
        this.sampleBacklog(this.now + 1e-9);
        return this.results();
    }

    /** Records each role's waiting items at every sample time up to `time` (the state between events). */
    private sampleBacklog(time: number): void {
        while (this.nextSample < time) {
            for (const pool of this.pools.values()) pool.backlog.push(pool.waiting);
            this.samples++;
            if (this.samples === BACKLOG_SAMPLES) {
                // Keep every other sample: the interval doubles, memory stays bounded.
                for (const pool of this.pools.values()) for (let i = 0; i < BACKLOG_SAMPLES / 2; i++) pool.backlog[i] = pool.backlog[2 * i];
                for (const pool of this.pools.values()) pool.backlog.length = BACKLOG_SAMPLES / 2;
                this.samples = BACKLOG_SAMPLES / 2;
                this.backlogEvery *= 2;
            }
            this.nextSample = this.samples * this.backlogEvery;
        }
    }

    // ------------------------------------------------------------ cases and steps

    private arrive(): void {
        const id = this.arrived++;
        let attributes: Map<string, number | string> | undefined;
        if (this.attributes.length > 0) {
            attributes = new Map();
            for (const [name, draw] of this.attributes) attributes.set(name, draw(this.random));
        }
        const item: Case = {
            id,
            arrival: this.now,
            attributes,
            measured: id >= this.warmup,
            traced: id === this.options.traceCase,
            reachedPerson: false,
            decidedByPerson: false,
            transitions: 0,
            finished: false,
            lastActor: undefined,
        };
        if (item.measured && this.measuredFrom < 0) this.measuredFrom = this.now;
        if (this.arrived < this.arrivals.cases) this.events.push(this.arrivals.next(this.now, this.arrived), ARRIVE, undefined as unknown as Case);
        const start = this.startNode;
        if (item.traced) this.note(start?.step.id ?? '', 'system', 'arrived', `case ${id} arrives`, start?.step.id);
        if (start) this.enter(item, start);
        else this.finish(item, 'stopped:no-start');
    }

    private enter(item: Case, node: Node): void {
        if (item.finished) return;
        if (++item.transitions > DEFAULTS.maxTransitions) return this.finish(item, 'loop-limit');
        const step = node.step;
        switch (step.kind) {
            case 'ai-step':
                this.events.push(this.now + node.duration(this.random), AI_DONE, item, node.index);
                return;
            case 'automated-step':
            case 'effect':
                this.events.push(this.now + node.duration(this.random), PASS, item, node.index);
                return;
            case 'decision':
                return this.onward(item, node);
            case 'outcome':
                return this.finish(item, step.id);
            case 'gate':
            case 'queue': {
                const station = node.station!;
                item.reachedPerson = true;
                station.entered++;
                if (item.measured) station.measuredEntered++;
                const task = newTask(item, node, station.pool, this.now, -1, undefined, station.priority);
                if (station.sla !== undefined) this.events.push(this.now + station.sla, DEADLINE, task);
                this.enqueue(task);
                return;
            }
        }
    }

    private passed(item: Case, node: Node): void {
        if (node.step.kind === 'effect' && item.measured) this.audit?.effect(this.now, item.id, node.step);
        if (item.traced) this.note(node.step.id, 'system', 'processed', node.step.kind === 'effect' ? 'the effect is executed' : 'the automated step is done');
        this.onward(item, node);
    }

    private aiDone(item: Case, node: Node): void {
        const ai = node.ai!;
        const step = node.step as AiStep;
        const actor = step.actor ?? 'AI';
        ai.runs++;
        let failed = -1;
        const outage = ai.outages.length > 0 && inWindows(ai.outages, this.now);
        if (outage) {
            failed = 0;
            ai.outageRuns++;
        } else {
            const drawn = this.random.pick(ai.failures);
            if (drawn >= 0 && drawn < FAILURES.length) failed = drawn;
        }
        if (failed >= 0) {
            const mode = FAILURES[failed];
            ai.failed.set(mode, (ai.failed.get(mode) ?? 0) + 1);
            const fallback = fallbackFor(step, mode) ?? fallbackFor(step, 'error');
            const target = fallback?.target === undefined ? undefined : this.byId.get(fallback.target);
            if (item.traced) this.note(step.id, actor, 'ai-failure', `the AI step fails: ${mode}${outage ? ' (in an outage window)' : ''}${fallback ? `; its '${fallback.mode}' fallback${fallback.policy ? ` under ${fallback.policy}` : ''} applies` : '; no fallback is declared'}`, target?.step.id);
            if (!target) return this.finish(item, `failed:${mode}`);
            if (item.measured) {
                this.audit?.fallback(this.now, item.id, step, fallback!.mode, fallback!.policy, target.step.id);
                const during = this.outageWindows.length > 0 && inWindows(this.outageWindows, this.now);
                let load = ai.fallbackLoad.get(target.step.id);
                if (!load) ai.fallbackLoad.set(target.step.id, (load = { during: 0, outside: 0 }));
                if (during) load.during++;
                else load.outside++;
                if (target.station) {
                    if (during) target.station.fallback.during++;
                    else target.station.fallback.outside++;
                }
            }
            return this.enter(item, target);
        }
        const threshold = step.confidenceThreshold;
        const confidence = ai.confidence(this.random);
        if (item.measured) this.audit?.aiOutput(this.now, item.id, step, confidence);
        if (threshold !== undefined && confidence < threshold) {
            ai.lowConfidence++;
            const fallback = fallbackFor(step, 'low-confidence');
            const target = fallback?.target === undefined ? undefined : this.byId.get(fallback.target);
            if (item.traced) this.note(step.id, actor, 'ai-output', `confidence ${confidence.toFixed(3)} is below the threshold ${threshold}${target ? ': the low-confidence route' : '; no low-confidence route, so it goes on'}`, target?.step.id);
            if (target) {
                if (item.measured) this.audit?.fallback(this.now, item.id, step, 'low-confidence', fallback!.policy, target.step.id);
                return this.enter(item, target);
            }
        } else if (item.traced) {
            this.note(step.id, actor, 'ai-output', threshold === undefined ? `confidence ${confidence.toFixed(3)} (no threshold declared)` : `confidence ${confidence.toFixed(3)} is at or above the threshold ${threshold}`);
        }
        this.onward(item, node);
    }

    // ------------------------------------------------------------ people

    private enqueue(task: Task): void {
        const pool = task.pool;
        pool.buckets[task.priority].push(task);
        task.queued = true;
        task.queuedAt = this.now;
        pool.waiting++;
        const item = task.case;
        if (item.traced) this.note(task.node.step.id, 'system', 'waiting', `waits for ${pool.party} (${pool.waiting} waiting, ${pool.free.length} of ${pool.staff} free${pool.hours && !pool.hours.isOpen(this.now) ? ', outside working hours' : ''})`);
        this.dispatch(pool);
    }

    /** Starts waiting items, highest priority first and first come first served within it, while someone is free and at work. */
    private dispatch(pool: Pool): void {
        if (pool.waiting === 0 || pool.free.length === 0) return;
        if (pool.hours && !pool.hours.isOpen(this.now)) {
            if (pool.wakeAt < 0) {
                pool.wakeAt = pool.hours.nextOpening(this.now);
                this.events.push(pool.wakeAt, WAKE, pool);
            }
            return;
        }
        while (pool.free.length > 0 && pool.waiting > 0) {
            const task = this.take(pool);
            if (!task) return;
            this.start(task);
        }
    }

    /** The next item a free person may take, with that person in `task.person`; none when only the four-eyes first reviewer is free for every item left. */
    private take(pool: Pool): Task | undefined {
        const free = pool.free;
        for (let priority = pool.buckets.length - 1; priority >= 0; priority--) {
            const bucket = pool.buckets[priority];
            let head = pool.heads[priority];
            while (head < bucket.length && !bucket[head].queued) head++;
            pool.heads[priority] = head;
            for (let i = head; i < bucket.length; i++) {
                const task = bucket[i];
                if (!task.queued) continue;
                let chosen = free.length - 1;
                if (task.exclude >= 0 && free[chosen] === task.exclude) chosen = free.length > 1 ? chosen - 1 : -1;
                if (chosen < 0) continue;
                task.person = free[chosen];
                free[chosen] = free[free.length - 1];
                free.pop();
                if (i === head) pool.heads[priority] = head + 1;
                else bucket.splice(i, 1);
                this.compact(pool, priority);
                return task;
            }
        }
        return undefined;
    }

    /** Drops the handled prefix of a queue now and then, so a long run does not keep every item. */
    private compact(pool: Pool, priority: number): void {
        const head = pool.heads[priority];
        const bucket = pool.buckets[priority];
        if (head > 1024 && head * 2 > bucket.length) {
            bucket.splice(0, head);
            pool.heads[priority] = 0;
        }
    }

    private start(task: Task): void {
        const pool = task.pool;
        const now = this.now;
        task.queued = false;
        pool.waiting--;
        pool.tasks++;
        task.service++;
        const station = task.node.station!;
        if (task.started < 0) {
            task.started = now;
            if (task.level < 0 && task.case.measured) {
                station.started++;
                const wait = now - task.enteredAt;
                station.waits.add(wait);
                if (wait > 0) station.waited++;
            }
        }
        task.serviceStart = now;
        const handling = task.level >= 0 ? (pool.handling ?? task.node.duration) : task.node.duration;
        this.events.push(now + handling(this.random), DONE, task, task.service);
        const item = task.case;
        if (item.traced) this.note(task.node.step.id, personOf(pool, task.person), 'started', `${task.review === 1 ? 'the second reviewer (four-eyes) ' : ''}starts after waiting ${formatDuration(now - task.queuedAt)}`);
    }

    /** The person working on a task stops (done, or the timer took it away). */
    private release(task: Task): void {
        const pool = task.pool;
        const busy = this.now - task.serviceStart;
        pool.busySeconds += busy;
        // An escalation level's work is its party's, not the station's.
        if (task.level < 0) task.node.station!.busySeconds += busy;
        pool.free.push(task.person);
        task.person = -1;
        this.dispatch(pool);
    }

    private taskDone(task: Task): void {
        const item = task.case;
        const node = task.node;
        const step = node.step as Gate | ManualQueue;
        const station = node.station!;
        const actor = { id: personOf(task.pool, task.person), role: task.pool.party };
        const action: GateAction | 'complete' = step.kind === 'queue' ? 'complete' : task.review === 1 ? task.action! : this.drawAction(station);
        if (item.measured) this.audit?.humanAction(this.now, item.id, step, actor, action);
        item.lastActor = actor;
        if (action === 'request-info') {
            if (item.traced) this.note(step.id, actor.id, 'acted', 'asks the requester for more information; the item comes back to the queue when answered');
            this.release(task);
            this.events.push(this.now + REQUEST_INFO_DELAY(this.random), REQUEUE, task);
            return;
        }
        if (task.level < 0 && task.review === 0 && station.secondPool && action !== 'complete') {
            // Four-eyes: a second, different person reviews what the first decided.
            if (item.traced) this.note(step.id, actor.id, 'acted', `decides '${action}' (drawn from the action probabilities); four-eyes: a second reviewer must confirm`);
            const person = task.person;
            this.release(task);
            task.review = 1;
            task.action = action;
            task.exclude = station.secondPool === task.pool ? person : -1;
            task.pool = station.secondPool;
            this.enqueue(task);
            return;
        }
        task.alive = false;
        item.decidedByPerson = true;
        if (task.level < 0) station.served++;
        this.release(task);
        const target = action === 'complete' ? undefined : node.onAction[action];
        if (item.traced) {
            const why = action === 'complete' ? 'completes the item' : task.review === 1 ? `confirms '${action}'` : `decides '${action}' (drawn from the action probabilities)`;
            this.note(step.id, actor.id, 'acted', `${why}${task.level >= 0 ? ` at escalation level ${task.level + 1}` : ''}`, target?.step.id);
        }
        if (target) return this.enter(item, target);
        if (action === 'reject' && !node.hasOnward) return this.finish(item, 'rejected');
        this.onward(item, node);
    }

    private drawAction(station: Station): GateAction {
        const index = this.random.pick(station.actionWeights);
        return index < 0 ? station.actions[0] : station.actions[index];
    }

    private deadline(task: Task): void {
        const node = task.node;
        const step = node.step;
        const station = node.station!;
        const item = task.case;
        if (task.level < 0) {
            const timeout = station.timeout;
            const action = timeout ? (timeout.target ? 'route' : (timeout.action?.kind ?? 'none')) : 'none';
            if (item.measured) {
                station.breaches++;
                station.timeouts.set(action, (station.timeouts.get(action) ?? 0) + 1);
                if (action !== 'none') this.audit?.timeout(this.now, item.id, step, action, this.now - task.enteredAt);
            }
            if (item.traced) this.note(step.id, 'timer', 'timeout', `the ${formatDuration(station.sla!)} SLA fires: ${action === 'none' ? 'no timeout action is declared, the item keeps waiting' : action === 'route' ? 'the timeout route' : `'${action}'`}`, timeout?.target);
            if (action === 'none' || !timeout) return;
            this.takeAway(task);
            if (timeout.target) {
                const target = this.byId.get(timeout.target);
                return target ? this.enter(item, target) : this.finish(item, `stopped:${timeout.target}`);
            }
            return this.timeoutAction(item, node, timeout.action!);
        }
        // A level of an escalation chain timed out: the next level, or the chain's own timeout action.
        const chain = task.chain!;
        chain.stats.timedOut[task.level]++;
        this.takeAway(task);
        if (item.traced) this.note(step.id, 'timer', 'timeout', `escalation level ${task.level + 1} (${chain.levels[task.level].party}) lets its ${formatDuration(chain.levels[task.level].within!)} pass`);
        if (task.level + 1 < chain.levels.length) return this.escalateTo(item, node, chain, task.level + 1);
        chain.stats.exhausted++;
        if (chain.onTimeout) return this.timeoutAction(item, node, chain.onTimeout);
    }

    /** The timer takes the item from whoever holds it. */
    private takeAway(task: Task): void {
        task.alive = false;
        if (task.queued) {
            task.queued = false;
            task.pool.waiting--;
        } else if (task.person >= 0) this.release(task);
    }

    private timeoutAction(item: Case, node: Node, action: TimeoutAction): void {
        const step = node.step;
        switch (action.kind) {
            case 'escalate': {
                const chain = action.target ? this.chainFor(action.target) : undefined;
                if (!chain) return this.finish(item, 'stopped:escalation');
                if (chain.levels.length === 0) return chain.onTimeout ? this.timeoutAction(item, node, chain.onTimeout) : this.finish(item, 'stopped:escalation');
                return this.escalateTo(item, node, chain, 0);
            }
            case 'pause':
                return this.finish(item, 'paused');
            case 'deny': {
                const reject = node.onAction.reject;
                return reject ? this.enter(item, reject) : this.finish(item, 'denied');
            }
            case 'approve':
            case 'skip': {
                const approve = node.onAction.approve;
                if (action.kind === 'approve' && approve) return this.enter(item, approve);
                if (node.hasOnward) return this.onward(item, node);
                return approve ? this.enter(item, approve) : this.finish(item, `stopped:${step.id}`);
            }
        }
    }

    private escalateTo(item: Case, node: Node, chain: Chain, level: number): void {
        const station = node.station!;
        if (level === 0) chain.stats.entered++;
        chain.stats.reached[level]++;
        if (item.measured) {
            if (level === 0) station.escalated++;
            while (station.levelsReached.length <= level) station.levelsReached.push(0);
            station.levelsReached[level]++;
        }
        item.reachedPerson = true;
        const target = chain.levels[level];
        if (item.measured) this.audit?.escalation(this.now, item.id, node.step, chain.id, level, target.party, target.channel);
        if (item.traced) this.note(node.step.id, 'timer', 'escalated', `escalated to level ${level + 1} of ${chain.id ?? 'a direct escalation'}: ${target.party}${target.within !== undefined ? `, within ${formatDuration(target.within)}` : ''}`);
        const task = newTask(item, node, target.pool, this.now, level, chain, target.pool.discipline === 'risk' ? Math.max(0, riskRank(station.risk) + 1) : 0);
        if (target.within !== undefined) this.events.push(this.now + target.within, DEADLINE, task);
        this.enqueue(task);
    }

    // ------------------------------------------------------------ routes

    /**
     * The onward route: `then`; else the `when` routes in order with `otherwise`, evaluated on
     * the case's attributes when the scenario gives every field they test, else drawn by the
     * declared `probability` hints (the rest shared equally by the routes without one).
     */
    private onward(item: Case, node: Node): void {
        const step = node.step;
        if (step.kind === 'outcome') return this.finish(item, step.id);
        let target = node.then;
        let why = 'then';
        const branches = node.branches;
        if (!target && branches) {
            if (branches.byCondition && item.attributes) {
                const index = branches.routes.findIndex((route) => route.kind === 'otherwise' || (route.kind === 'when' && this.holds(route.condition, item.attributes!)));
                if (index >= 0) {
                    target = branches.targets[index];
                    if (item.traced) why = this.explainCondition(branches.routes, index, item.attributes);
                }
            } else {
                const index = Math.max(0, this.random.pick(branches.weights));
                target = branches.targets[index];
                if (item.traced) {
                    const route = branches.routes[index];
                    const source = this.scenario.steps?.[step.id]?.branches ? "the scenario's branch weights" : 'the declared hints; no case attributes for them';
                    why = `${route.kind === 'when' ? `'${route.text}'` : 'otherwise'} drawn with probability ${round(branches.weights[index], 4)} (${source})`;
                }
            }
        }
        if (step.kind === 'decision' && item.measured && target) this.audit?.finalDecision(this.now, item.id, step, target.step.id, this.decider(step, item));
        if (!target) return this.finish(item, `stopped:${step.id}`);
        if (item.traced && (step.kind === 'decision' || branches)) this.note(step.id, step.kind === 'decision' ? this.decider(step, item).id : 'system', 'routed', why, target.step.id);
        this.enter(item, target);
    }

    private decider(step: Decision, item: Case): { id: string; role: string } {
        const role = step.decidedBy ?? 'system';
        return item.lastActor?.role === role ? item.lastActor : { id: role, role };
    }

    private explainCondition(routes: readonly Route[], index: number, attributes: ReadonlyMap<string, number | string>): string {
        const route = routes[index];
        const values = [...attributes].map(([name, value]) => `${name} = ${typeof value === 'number' ? round(value, 3) : JSON.stringify(value)}`).join(', ');
        return `${route.kind === 'when' ? `'${route.text}' holds` : 'no condition holds: otherwise'} (${values})`;
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

    private holds(condition: Condition, attributes: ReadonlyMap<string, number | string>): boolean {
        switch (condition.kind) {
            case 'comparison':
                return compare(attributes.get(condition.field), condition.operator, condition.value);
            case 'category': {
                const definition = this.workflow.categories.find((category) => category.id === condition.category)?.definition;
                return definition !== undefined && this.holds(definition, attributes);
            }
            case 'and':
                return condition.operands.every((operand) => this.holds(operand, attributes));
            case 'or':
                return condition.operands.some((operand) => this.holds(operand, attributes));
            case 'not':
                return !this.holds(condition.operand, attributes);
            default:
                return false;
        }
    }

    // ------------------------------------------------------------ results

    private note(step: string, actor: string, event: TraceEntry['event'], detail: string, to?: string): void {
        this.trace?.push({ time: round(this.now, 3), at: isoTime(this.startEpoch + Math.round(this.now * 1000)), step, actor, event, detail, ...(to !== undefined ? { to } : {}) });
    }

    private finish(item: Case, outcome: string): void {
        if (item.finished) return;
        item.finished = true;
        this.finished++;
        if (item.traced) this.note(outcome, 'system', 'finished', `ends as ${outcome} after ${formatDuration(this.now - item.arrival)}`);
        if (!item.measured) return;
        this.measuredFinished++;
        this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
        const cycle = this.now - item.arrival;
        this.cycleTimes.add(cycle);
        this.histogram[binOf(cycle)]++;
        if (item.reachedPerson) this.reachedPerson++;
        if (item.decidedByPerson) this.decidedByPerson++;
    }

    private results(): RunResult {
        const span = this.now;
        const days = span / 86_400;
        const share = (count: number, of: number) => (of > 0 ? round(count / of, 6) : 0);
        const perDay = (value: number) => (days > 0 ? value / days : 0);
        const counts = (map: ReadonlyMap<string, number>) => Object.fromEntries(sortById(map));
        const outageHours = this.outageWindows.reduce((sum, window) => sum + Math.max(0, Math.min(span, window.to) - Math.max(0, window.from)), 0) / 3600;
        const load = (entries: number, hours: number): Load => ({ entries, perHour: hours > 0 ? round(entries / hours, 6) : 0 });
        const staffed = new Map([...this.pools].map(([party, pool]) => [party, pool.staff * (pool.hours ? pool.hours.openSeconds(span) : span)]));
        const stations: StationResult[] = [];
        for (const node of this.nodes) {
            const station = node.station;
            if (!station) continue;
            const step = node.step as Gate | ManualQueue;
            const chainLevels = station.chain?.levels ?? [];
            stations.push({
                step: step.id,
                kind: step.kind,
                party: station.pool.party,
                staff: station.pool.staff,
                reviewers: station.secondPool ? 2 : 1,
                discipline: station.discipline,
                ...(station.risk ? { risk: station.risk } : {}),
                ...(station.sla !== undefined ? { sla: station.sla } : {}),
                entered: station.entered,
                served: station.served,
                meanWait: round(station.waits.mean, 3),
                p90Wait: round(station.waits.quantile(0.9), 3),
                waitedShare: share(station.waited, station.started),
                utilisation: share(station.busySeconds, staffed.get(station.pool.party) ?? 0),
                slaBreaches: station.breaches,
                breachRate: share(station.breaches, station.measuredEntered),
                timeouts: counts(station.timeouts),
                escalated: station.escalated,
                escalationRate: share(station.escalated, station.measuredEntered),
                levels: chainLevels.map((level, index) => ({ level: index + 1, party: level.party, reached: station.levelsReached[index] ?? 0, share: share(station.levelsReached[index] ?? 0, station.measuredEntered) })),
                fallbackLoad: { duringOutages: load(station.fallback.during, outageHours), outsideOutages: load(station.fallback.outside, span / 3600 - outageHours) },
            });
        }
        const roles: RoleResult[] = sortById(this.pools).map(([party, pool]) => ({
            party,
            staff: pool.staff,
            tasks: pool.tasks,
            busyHours: round(pool.busySeconds / 3600, 3),
            utilisation: share(pool.busySeconds, staffed.get(party) ?? 0),
            workHoursPerDay: round(perDay(pool.busySeconds / 3600), 3),
            staffedHoursPerDay: round(perDay((staffed.get(party) ?? 0) / 3600), 3),
            backlog: { every: this.backlogEvery, values: pool.backlog.slice() },
        }));
        const aiSteps: AiStepResult[] = [];
        for (const node of this.nodes) {
            const ai = node.ai;
            if (!ai) continue;
            const failures = [...ai.failed.values()].reduce((sum, n) => sum + n, 0);
            aiSteps.push({
                step: node.step.id,
                runs: ai.runs,
                lowConfidence: ai.lowConfidence,
                lowConfidenceShare: share(ai.lowConfidence, ai.runs - failures),
                failures: counts(ai.failed),
                outageRuns: ai.outageRuns,
                fallbackLoad: sortById(ai.fallbackLoad).map(([step, found]) => ({ step, duringOutages: found.during, outsideOutages: found.outside })),
            });
        }
        return {
            workflow: this.workflow.id,
            seed: this.options.seed,
            replication: this.options.replication ?? 0,
            start: isoTime(this.startEpoch),
            cases: { arrived: this.arrived, measured: Math.max(0, this.arrived - this.warmup), finished: this.finished, inProgress: this.arrived - this.finished },
            simulatedSeconds: round(span, 3),
            events: this.processed,
            throughputPerDay: span > this.measuredFrom && this.measuredFrom >= 0 ? round(this.measuredFinished / ((span - this.measuredFrom) / 86_400), 3) : 0,
            people: {
                reachedPerson: share(this.reachedPerson, this.measuredFinished),
                decidedByPerson: share(this.decidedByPerson, this.measuredFinished),
                withoutPerson: share(this.measuredFinished - this.decidedByPerson, this.measuredFinished),
            },
            cycleTime: {
                mean: round(this.cycleTimes.mean, 3),
                p50: round(this.cycleTimes.quantile(0.5), 3),
                p90: round(this.cycleTimes.quantile(0.9), 3),
                p95: round(this.cycleTimes.quantile(0.95), 3),
                p99: round(this.cycleTimes.quantile(0.99), 3),
            },
            cycleTimeHistogram: this.histogram.map((count, index) => ({ upTo: CYCLE_TIME_BINS[index] ?? null, count })),
            outcomes: sortById(this.outcomes).map(([outcome, count]) => ({ outcome, count, share: share(count, this.measuredFinished) })),
            stations,
            roles,
            escalations: sortById(this.chains).map(([escalation, chain]) => ({
                escalation,
                entered: chain.stats.entered,
                levels: chain.levels.map((level, index) => ({ level: index + 1, party: level.party, reached: chain.stats.reached[index], timedOut: chain.stats.timedOut[index] })),
                exhausted: chain.stats.exhausted,
            })),
            aiSteps,
            outageHours: round(outageHours, 3),
            ...(this.trace ? { trace: this.trace } : {}),
        };
    }
}

function sortById<T>(entries: Iterable<[string, T]>): Array<[string, T]> {
    return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function personOf(pool: Pool, person: number): string {
    return `${pool.party}#${person + 1}`;
}

function inWindows(windows: ReadonlyArray<{ readonly from: number; readonly to: number }>, time: number): boolean {
    for (const window of windows) if (time >= window.from && time < window.to) return true;
    return false;
}

function mergeWindows(windows: ReadonlyArray<{ readonly from: number; readonly to: number }>): Array<{ from: number; to: number }> {
    const merged: Array<{ from: number; to: number }> = [];
    for (const window of [...windows].sort((a, b) => a.from - b.from)) {
        const last = merged[merged.length - 1];
        if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
        else merged.push({ from: window.from, to: window.to });
    }
    return merged;
}

function normalised(weights: readonly number[]): number[] {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return weights.map((weight) => weight / total);
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

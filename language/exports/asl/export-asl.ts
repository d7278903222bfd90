import type { AiStep, Duration, Escalation, EscalationRef, Gate, HitlModel, ManualQueue, Step, TimeoutAction, Workflow } from '../../model/schema.js';
import { lookup } from '../../model/lookup.js';
import { escalationOf, fallbackFor } from '../../model/paths.js';
import { refKey } from '../../model/parties.js';
import { joinList } from '../../util/names.js';
import { choiceRule } from './conditions.js';
import { actionText, stepComment, workflowComment } from './comments.js';
import type { AslDefinition, AslState, ChoiceRule, Json, JsonObject } from './definition.js';
import { AI_FAILURE_ERRORS, ENDING_ERRORS, TRANSIENT_ERRORS } from './errors.js';
import { aiFunction, effectFunction, placeholder, placeholdersOf, reviewQueue, stepFunction, substitute } from './placeholders.js';
import { deadlineOf } from '../../model/paths.js';

/**
 * A workflow as an AWS Step Functions state machine (Amazon States Language, JSONPath). The
 * state document between states is `{ "case": {…} }`: the case data every condition reads.
 *
 * - AI steps, automated steps and effects invoke a Lambda function; an AI step's failure modes
 *   are errors caught into its fallbacks, its confidence a Choice against the threshold.
 * - Gates, queues and escalation levels send the case with a task token to the SQS queue of the
 *   party who acts (`.waitForTaskToken`); the SLA is the task's `TimeoutSeconds`, and
 *   `States.Timeout` is caught into the timeout action, level by level along an escalation chain.
 * - A gate's answer is routed by a Choice on its action; decisions and branches are Choices on
 *   the case data; outcomes are Succeed states, and cases that end otherwise (denied, paused,
 *   rejected, an AI failure without fallback) Fail states whose error says how.
 */

export interface AslExportConfig {
    /** Values for the `${Name}` placeholders by name (queue URLs, function ARNs); the others stay for the deployment to fill. */
    readonly substitutions?: Readonly<Record<string, string>>;
}

const MAX_STATE_NAME = 80;
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const SQS_WAIT_FOR_TOKEN = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
/** An AI step retries an unavailable model twice, 2 s then 4 s later, before its fallback applies. */
const AI_RETRY = { IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 };
const TRANSIENT_RETRY = { ErrorEquals: TRANSIENT_ERRORS, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 };

export function exportAsl(model: HitlModel, workflowId: string, config: AslExportConfig = {}): AslDefinition {
    const workflow = model.workflows.find((candidate) => candidate.id === workflowId);
    if (!workflow) throw new Error(`No workflow named '${workflowId}' to export; the model has ${joinList(model.workflows.map((w) => w.id)) || 'none'}.`);
    if (!workflow.start) throw new Error(`Workflow '${workflowId}' has no steps to export.`);
    const states = new StateBuilder(model, workflow).build();
    const long = [...states.keys()].filter((name) => name.length > MAX_STATE_NAME);
    if (long.length > 0) throw new Error(`Step Functions allows state names of at most ${MAX_STATE_NAME} characters; workflow '${workflowId}' would need ${joinList(long.map((name) => `'${name}'`))}: shorten the step or escalation names.`);
    const definition: AslDefinition = { Comment: workflowComment(workflow), StartAt: workflow.start, States: byStep(workflow, reachableStates(workflow.start, states)) };
    const substitutions = config.substitutions ?? {};
    const known = new Set(placeholdersOf(definition));
    const unknown = Object.keys(substitutions).filter((name) => !known.has(name));
    if (unknown.length > 0) throw new Error(`The export configuration names placeholders workflow '${workflowId}' does not use: ${joinList(unknown.sort())}. It uses ${joinList([...known])}.`);
    return substitute(definition as unknown as Json, substitutions) as unknown as AslDefinition;
}

class StateBuilder {
    private readonly states = new Map<string, AslState>();
    /** The first state of each escalation chain entered from a step, by `step|chain`: built once, so a chain that loops back ends. */
    private readonly chains = new Map<string, string>();

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
    ) {}

    build(): Map<string, AslState> {
        for (const step of this.workflow.steps) this.step(step);
        return this.states;
    }

    private add(name: string, state: AslState): string {
        if (!this.states.has(name)) this.states.set(name, state);
        return name;
    }

    private step(step: Step): void {
        const Comment = stepComment(this.model, step);
        switch (step.kind) {
            case 'ai-step':
                return this.aiStep(step, Comment);
            case 'automated-step':
                // The function returns the case after the step (masked, prepared): it replaces the case.
                this.add(step.id, {
                    Type: 'Task',
                    Comment,
                    Resource: LAMBDA_INVOKE,
                    Parameters: { FunctionName: placeholder(stepFunction(step.id)), Payload: this.payload(step) },
                    ResultSelector: { 'case.$': '$.Payload.case' },
                    ResultPath: '$',
                    Retry: [TRANSIENT_RETRY],
                    Next: this.onward(step),
                });
                return;
            case 'effect':
                this.add(step.id, {
                    Type: 'Task',
                    Comment,
                    Resource: LAMBDA_INVOKE,
                    Parameters: { FunctionName: placeholder(effectFunction(step.id)), Payload: this.payload(step, { effect: step.effectKind ?? null, external: step.external, channel: step.channel ?? null }) },
                    ResultPath: null,
                    Retry: [TRANSIENT_RETRY],
                    Next: this.onward(step),
                });
                return;
            case 'gate':
                return this.gate(step, Comment);
            case 'queue':
                return this.queue(step, Comment);
            case 'decision':
                if (this.branches(step)) this.add(step.id, { Type: 'Choice', Comment, ...this.choices(step) });
                else this.add(step.id, { Type: 'Pass', Comment, Next: this.onward(step) });
                return;
            case 'outcome':
                this.add(step.id, { Type: 'Succeed', Comment });
                return;
        }
    }

    private payload(step: Step, extra: JsonObject = {}): JsonObject {
        return { workflow: this.workflow.id, step: step.id, ...extra, 'case.$': '$.case' };
    }

    // ------------------------------------------------------------ AI steps

    private aiStep(step: AiStep, Comment: string): void {
        const catches: JsonObject[] = [];
        for (const mode of ['unavailable', 'abnormal-output'] as const) {
            const target = fallbackFor(step, mode)?.target;
            if (target) catches.push({ ErrorEquals: [...AI_FAILURE_ERRORS[mode]], ResultPath: '$.failure', Next: target });
        }
        // Anything else, and a mode without its own fallback: the `error` fallback, else the case fails with the error.
        const otherwise = fallbackFor(step, 'error')?.target ?? this.add(`${step.id}.Failed`, { Type: 'Fail', Comment: `${step.id} failed with no fallback: the case ends with the AI step's error.`, ErrorPath: '$.failure.Error', CausePath: '$.failure.Cause' });
        catches.push({ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: otherwise });
        const lowConfidence = fallbackFor(step, 'low-confidence')?.target;
        const checksConfidence = step.confidenceThreshold !== undefined && lowConfidence !== undefined;
        const aiModel = step.model ? lookup(this.model).models.get(step.model) : undefined;
        this.add(step.id, {
            Type: 'Task',
            Comment,
            Resource: LAMBDA_INVOKE,
            Parameters: {
                FunctionName: placeholder(aiFunction(step.id)),
                Payload: this.payload(step, {
                    task: step.task ?? null,
                    model: step.model ?? null,
                    modelVersion: aiModel?.version ?? null,
                    promptVersion: aiModel?.promptVersion ?? null,
                    explanationRequired: step.explanationRequired,
                }),
            },
            ResultPath: '$.ai',
            Retry: [{ ErrorEquals: [AI_FAILURE_ERRORS.unavailable[0], ...TRANSIENT_ERRORS], ...AI_RETRY }],
            Catch: catches,
            Next: checksConfidence ? `${step.id}.Confidence` : `${step.id}.UseOutput`,
        });
        if (checksConfidence) {
            const confidence = '$.ai.Payload.confidence';
            this.add(`${step.id}.Confidence`, {
                Type: 'Choice',
                Comment: `Confidence at or above ${step.confidenceThreshold}: the output is used; below it, or none given, low-confidence → ${lowConfidence}.`,
                Choices: [
                    {
                        And: [
                            { Variable: confidence, IsPresent: true },
                            { Variable: confidence, IsNumeric: true },
                            { Variable: confidence, NumericGreaterThanEquals: step.confidenceThreshold! },
                        ],
                        Next: `${step.id}.UseOutput`,
                    },
                ],
                Default: lowConfidence,
            });
        }
        this.add(`${step.id}.UseOutput`, {
            Type: 'Pass',
            Comment: `The fields ${step.id} returned join the case.`,
            Parameters: { 'case.$': 'States.JsonMerge($.case, $.ai.Payload.fields, false)' },
            Next: this.onward(step),
        });
    }

    // ------------------------------------------------------------ people

    private gate(step: Gate, Comment: string): void {
        const allows = step.allows.length > 0 ? step.allows : (['approve'] as const);
        this.add(step.id, this.reviewTask(step, step.reviewers[0], Comment, this.timeoutTarget(step, step.sla?.seconds), { title: step.title ?? null, reviewers: step.reviewers, ...this.gateRules(step) }));
        this.add(`${step.id}.Answer`, {
            Type: 'Pass',
            Comment: `The reviewer's answer: its fields join the case, its action routes it.`,
            Parameters: { 'case.$': 'States.JsonMerge($.case, $.review.fields, false)', 'action.$': '$.review.action' },
            Next: `${step.id}.Action`,
        });
        this.add(`${step.id}.Action`, {
            Type: 'Choice',
            Comment: `An action ${step.id} does not allow fails the execution (States.NoChoiceMatched).`,
            Choices: allows.map((action) => ({ Variable: '$.action', StringEquals: action, Next: this.actionTarget(step, action) })),
        });
    }

    private gateRules(step: Gate): JsonObject {
        return { allows: [...step.allows], rationaleRequired: step.rationaleRequired, fourEyes: step.fourEyes, noPreselection: step.noPreselection, shows: [...step.shows], reviews: [...step.reviewsAiSteps] };
    }

    private queue(step: ManualQueue, Comment: string): void {
        this.add(step.id, this.reviewTask(step, step.owner, Comment, this.timeoutTarget(step, deadlineOf(step)?.seconds), { title: step.title ?? null, owner: step.owner ?? null }));
        this.add(`${step.id}.Answer`, {
            Type: 'Pass',
            Comment: 'The fields the person completing the item returned join the case.',
            Parameters: { 'case.$': 'States.JsonMerge($.case, $.review.fields, false)' },
            Next: this.onward(step),
        });
    }

    /** A task for a person: the case and a task token sent to their queue; their answer (`SendTaskSuccess`) goes to `$.review`. */
    private reviewTask(step: Gate | ManualQueue, party: string | undefined, Comment: string, timeout: { seconds: number; next: string } | undefined, message: JsonObject): AslState {
        return {
            Type: 'Task',
            Comment,
            Resource: SQS_WAIT_FOR_TOKEN,
            Parameters: { QueueUrl: placeholder(reviewQueue(party ?? step.id)), MessageBody: { 'taskToken.$': '$$.Task.Token', ...this.payload(step, message) } },
            ...(timeout ? { TimeoutSeconds: Math.max(1, Math.ceil(timeout.seconds)) } : {}),
            ResultPath: '$.review',
            ...(timeout ? { Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: timeout.next }] } : {}),
            Next: `${step.id}.Answer`,
        };
    }

    /** Where the SLA timer sends the item; none (no `TimeoutSeconds`) when no SLA or no timeout route is declared: the item waits. */
    private timeoutTarget(step: Gate | ManualQueue, seconds: number | undefined): { seconds: number; next: string } | undefined {
        const route = step.routes.find((r) => r.kind === 'on' && r.event === 'timeout');
        if (seconds === undefined || route?.kind !== 'on') return undefined;
        const next = route.target ?? (route.action ? this.timeoutAction(step, route.action) : undefined);
        return next ? { seconds, next } : undefined;
    }

    private actionTarget(step: Gate, action: string): string {
        const route = step.routes.find((r) => r.kind === 'on' && r.event === action && r.target);
        if (route?.target) return route.target;
        // Asked for information, the reviewer gets the item back with it (the SLA restarts).
        if (action === 'request-info') return step.id;
        if (action === 'reject' && !this.hasOnward(step)) return this.fail(step, 'Rejected', ENDING_ERRORS.rejected, `The reviewer at ${step.id} rejected the case.`);
        return this.onward(step);
    }

    /** The state a timeout action leads to (as the simulator applies it). */
    private timeoutAction(step: Gate | ManualQueue, action: TimeoutAction): string {
        const onEvent = (event: string) => step.routes.find((r) => r.kind === 'on' && r.event === event && r.target)?.target;
        switch (action.kind) {
            case 'escalate': {
                const target = action.target;
                if (!target) return this.stopped(step, 'escalates without a target');
                if (target.kind === 'party') return this.chain(step, `party:${target.id}`, [{ party: target.id, name: `${step.id}.Escalated.${target.id}` }], undefined, target.id);
                return this.escalation(step, target);
            }
            case 'pause':
                return this.fail(step, 'Paused', ENDING_ERRORS.paused, `Nobody at ${step.id} acted in time: the case is paused for a person to resume.`);
            case 'deny':
                return onEvent('reject') ?? this.fail(step, 'Denied', ENDING_ERRORS.denied, `Nobody at ${step.id} acted in time: the case is denied (fail closed).`);
            case 'approve':
                return onEvent('approve') ?? (this.hasOnward(step) ? this.onward(step) : this.stopped(step, 'approves on timeout but has nowhere to go'));
            case 'skip':
                return this.hasOnward(step) ? this.onward(step) : (onEvent('approve') ?? this.stopped(step, 'skips on timeout but has nowhere to go'));
        }
    }

    private escalation(step: Gate | ManualQueue, ref: EscalationRef): string {
        const escalation: Escalation | undefined = escalationOf(this.model, this.workflow, ref);
        if (!escalation) return this.stopped(step, `escalates to ${ref.id}, which is not declared`);
        const prefix = `${step.id}.${ref.scope === 'shared' ? 'shared.' : ''}${ref.id}`;
        const levels = escalation.chain.levels.flatMap((level) => (level.party ? [{ party: level.party, channel: level.channel, within: level.within, escalation: level.escalation.id }] : []));
        if (levels.length === 0) return escalation.chain.onTimeout ? this.timeoutAction(step, escalation.chain.onTimeout) : this.stopped(step, `escalates to ${ref.id}, which names nobody`);
        return this.chain(step, refKey(ref), levels.map((level, index) => ({ ...level, name: `${prefix}.${index + 1}` })), escalation.chain.onTimeout, ref.id);
    }

    /** One task per level, each with its own `within` as its timeout, then the chain's own timeout action. */
    private chain(
        step: Gate | ManualQueue,
        key: string,
        levels: ReadonlyArray<{ party: string; name: string; channel?: string; within?: Duration; escalation?: string }>,
        onTimeout: TimeoutAction | undefined,
        label: string,
    ): string {
        const memo = `${step.id}|${key}`;
        const known = this.chains.get(memo);
        if (known) return known;
        this.chains.set(memo, levels[0].name);
        levels.forEach((level, index) => {
            const last = index === levels.length - 1;
            const after = last ? (onTimeout ? this.timeoutAction(step, onTimeout) : undefined) : levels[index + 1].name;
            const timeout = level.within && after ? { seconds: level.within.seconds, next: after } : undefined;
            const Comment = `Escalation ${label}, level ${index + 1} of ${levels.length}: ${level.party}${level.channel ? ` via ${level.channel}` : ''}${level.within ? ` within ${level.within.iso}` : ''}; ${last ? `after the last level: ${actionText(onTimeout)}` : 'then the next level'}. The answer is routed as at ${step.id}.`;
            const message: JsonObject = { escalation: level.escalation ?? label, level: index + 1, party: level.party, channel: level.channel ?? null, ...(step.kind === 'gate' ? this.gateRules(step) : {}) };
            this.add(level.name, this.reviewTask(step, level.party, Comment, timeout, message));
        });
        return levels[0].name;
    }

    // ------------------------------------------------------------ routes

    /** True when the step goes on by a Choice: no `then`, and `when` routes (an `otherwise` alone is a `then`). */
    private branches(step: Step): boolean {
        return step.kind !== 'outcome' && !step.routes.some((r) => r.kind === 'then' && r.target) && step.routes.some((r) => r.kind === 'when' && r.target);
    }

    private hasOnward(step: Step): boolean {
        return step.kind !== 'outcome' && step.routes.some((r) => (r.kind === 'then' || r.kind === 'when' || r.kind === 'otherwise') && r.target);
    }

    /** The state after a step is done: its `then` target, else a Choice over its `when`/`otherwise` routes. */
    private onward(step: Step): string {
        if (step.kind === 'outcome') return step.id;
        const then = step.routes.find((r) => r.kind === 'then' && r.target) ?? (this.branches(step) ? undefined : step.routes.find((r) => r.kind === 'otherwise' && r.target));
        if (then?.target) return then.target;
        if (!this.branches(step)) return this.stopped(step, 'has no onward route');
        if (step.kind === 'decision') return step.id;
        return this.add(`${step.id}.Route`, { Type: 'Choice', Comment: `The onward routes of ${step.id}, tried in order.`, ...this.choices(step) });
    }

    /** `when` routes in order, `otherwise` as the default; with no `otherwise` a case no route takes fails (States.NoChoiceMatched). */
    private choices(step: Step): { Choices: ChoiceRule[]; Default?: string } {
        const routes = step.kind === 'outcome' ? [] : step.routes;
        const Choices = routes.flatMap((route) => (route.kind === 'when' && route.target ? [{ ...choiceRule(route.condition, this.workflow.categories), Next: route.target }] : []));
        const otherwise = routes.find((route) => route.kind === 'otherwise' && route.target)?.target;
        return otherwise ? { Choices, Default: otherwise } : { Choices };
    }

    private fail(step: Step, suffix: string, error: string, cause: string): string {
        return this.add(`${step.id}.${suffix}`, { Type: 'Fail', Error: error, Cause: cause });
    }

    private stopped(step: Step, why: string): string {
        return this.fail(step, 'Stopped', ENDING_ERRORS.stopped, `${step.id} ${why}.`);
    }
}

/** Each step's states together, in the order the steps are written: the step's own state, then `Step.…` in the order built, its Fail states last. */
function byStep(workflow: Workflow, states: ReadonlyMap<string, AslState>): Record<string, AslState> {
    const owner = (name: string) => name.split('.')[0];
    const order = new Map(workflow.steps.map((step, index) => [step.id, index]));
    const built = [...states.keys()];
    const rank = (name: string) => [order.get(owner(name)) ?? order.size, name === owner(name) ? -1 : built.indexOf(name) + (states.get(name)!.Type === 'Fail' ? built.length : 0)];
    const sorted = built.sort((a, b) => {
        const [stepA, placeA] = rank(a);
        const [stepB, placeB] = rank(b);
        return stepA - stepB || placeA - placeB;
    });
    return Object.fromEntries(sorted.map((name) => [name, states.get(name)!]));
}

/** Step Functions refuses unreachable states: keep those reachable from the start. */
function reachableStates(start: string, states: ReadonlyMap<string, AslState>): Map<string, AslState> {
    const reached = new Set<string>();
    const visit = (name: string): void => {
        const state = states.get(name);
        if (reached.has(name) || !state) return;
        reached.add(name);
        const targets = [state.Next, state.Default, ...((state.Choices as JsonObject[] | undefined) ?? []).map((c) => c.Next), ...((state.Catch as JsonObject[] | undefined) ?? []).map((c) => c.Next)];
        for (const target of targets) if (typeof target === 'string') visit(target);
    };
    visit(start);
    return new Map([...states].filter(([name]) => reached.has(name)));
}

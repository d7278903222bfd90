import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

type JSONValue = Parameters<StateMachine['run']>[0];
import { AI_FAILURE_ERRORS, endingOfError, type AslDefinition } from '../../../language/exports/asl/index.js';
import type { RouteChoice, RouteScenario } from '../../../language/exports/route-scenarios.js';
import { caseFor } from './case-data.js';

/**
 * A route scenario run in aws-local-stepfunctions: local handlers stand in for the AI service,
 * the reviewers (answering through the task token) and the effects; a handler that fails with
 * `States.Timeout` stands for an SLA that ran out. Reads the definition only: which task a
 * state is from its resource and message, the case data from its Choice states.
 */

export interface AslRun {
    /** The outcome step reached, or `denied`, `paused`, `rejected`, `failed:<mode>` (as route scenarios say). */
    readonly outcome: string;
    /** The states entered, in order. */
    readonly states: readonly string[];
}

export interface AslRunOptions {
    /** The case to start with, instead of one chosen to take the branches the scenario names. */
    readonly case?: Readonly<Record<string, string | number | boolean>>;
}

type Handler = (input: JSONValue) => JSONValue;
type Task = { readonly kind: 'ai' | 'automated' | 'effect' | 'gate' | 'queue'; readonly step: string; readonly level?: number };

const FUNCTION_KINDS: Record<string, Task['kind']> = { AiFunctionArn: 'ai', StepFunctionArn: 'automated', EffectFunctionArn: 'effect' };

/** What a Task state stands for, from its resource parameters. */
function taskOf(name: string, parameters: Record<string, any>): Task {
    const body = parameters.MessageBody ?? parameters.Payload;
    const fn = /^\$\{(\w+?)_/.exec(String(parameters.FunctionName ?? ''));
    if (fn && FUNCTION_KINDS[fn[1]]) return { kind: FUNCTION_KINDS[fn[1]], step: body.step };
    if (parameters.MessageBody) return { kind: 'allows' in body ? 'gate' : 'queue', step: body.step, level: body.level };
    throw new Error(`Cannot tell what task state ${name} stands for.`);
}

function timeout(): Error {
    const error = new Error('The SLA ran out with nobody acting.');
    error.name = 'States.Timeout';
    return error;
}

function failure(mode: keyof typeof AI_FAILURE_ERRORS): Error {
    const error = new Error(`The AI service reports ${mode}.`);
    error.name = AI_FAILURE_ERRORS[mode][0];
    return error;
}

function handlerFor(task: Task, choice: RouteChoice | undefined, visits: () => number): Handler {
    switch (task.kind) {
        case 'ai':
            return () => {
                const result = choice?.kind === 'ai' ? choice.result : 'ok';
                if (result === 'unavailable' || result === 'abnormal-output' || result === 'error') throw failure(result);
                return { Payload: { confidence: result === 'low-confidence' ? 0 : 1, fields: {} }, StatusCode: 200 };
            };
        case 'automated':
            return (input) => ({ Payload: { case: (input as { Payload: { case: JSONValue } }).Payload.case }, StatusCode: 200 });
        case 'effect':
            return () => ({ Payload: {}, StatusCode: 200 });
        case 'gate':
        case 'queue':
            return (): JSONValue => {
                const first = visits() === 1;
                const picked = first && (choice?.kind === 'gate' || choice?.kind === 'queue') ? choice : undefined;
                if (task.level === undefined ? picked?.action === 'timeout' : task.level <= (picked?.levelsTimingOut ?? 0)) throw timeout();
                const action = task.level === undefined && picked && picked.action !== 'timeout' && picked.kind === 'gate' ? picked.action : 'approve';
                return task.kind === 'gate' ? { action, rationale: 'As the route scenario says.', fields: {} } : { fields: {} };
            };
    }
}

export async function traceAslRoute(definition: AslDefinition, scenario: RouteScenario, options: AslRunOptions = {}): Promise<AslRun> {
    const branches = new Map(
        Object.entries(scenario.choices).flatMap(([step, choice]) => (choice.kind === 'decision' ? [[step, choice.branch] as const] : choice.kind === 'ai' && choice.branch !== undefined ? [[step, choice.branch] as const] : [])),
    );
    const input = { case: options.case ?? caseFor(definition, branches) };
    const handlers: Record<string, Handler> = {};
    const retryIntervalOverrides: Record<string, number> = {};
    const visits = new Map<string, number>();
    for (const [name, state] of Object.entries(definition.States)) {
        if (state.Type !== 'Task') continue;
        const task = taskOf(name, state.Parameters as Record<string, any>);
        // A step reached again takes its default: the scenario's choice is for the first visit of the step's own task.
        const choice = scenario.choices[task.step];
        const handler = handlerFor(task, choice, () => visits.get(name) ?? 0);
        handlers[name] = (payload) => {
            visits.set(name, (visits.get(name) ?? 0) + 1);
            return handler(payload);
        };
        retryIntervalOverrides[name] = 0;
    }
    // The engine validates (and annotates) what it is given: a copy.
    const machine = new StateMachine(structuredClone(definition) as unknown as StateMachineDefinition);
    const execution = machine.run(input, { overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides }, context: { Task: { Token: 'route-scenario-token' } } });
    const states: string[] = [];
    const log = (async () => {
        for await (const event of execution.eventLogs) if (event.type === 'StateEntered') states.push(event.state.name);
    })();
    try {
        await execution.result;
        await log;
        const last = states.at(-1)!;
        return { outcome: definition.States[last]?.Type === 'Succeed' ? last : `ended at ${last}`, states };
    } catch (error) {
        await log;
        const cause = (error as { cause?: Error }).cause;
        const name = cause?.name ?? String(error);
        return { outcome: endingOfError(name) ?? `error ${name}: ${cause?.message ?? ''}`, states };
    }
}

/** The outcome a route scenario reaches in aws-local-stepfunctions. */
export async function runAslRoute(definition: AslDefinition, scenario: RouteScenario, options: AslRunOptions = {}): Promise<string> {
    return (await traceAslRoute(definition, scenario, options)).outcome;
}

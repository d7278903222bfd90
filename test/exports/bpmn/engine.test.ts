// Every sample's BPMN export run in bpmn-engine, once per route scenario of its route table:
// service tasks answered by handlers that follow the scenario (an AI failure is a BPMN error
// with the mode as its code; the confidence and the fields a branch tests are set as the job
// worker would), user tasks signalled with the chosen action, and SLA and escalation timers
// fired through the engine's own timer API (bpmn-elements Timers with a hand-driven clock, so
// the real ISO durations stay in the file). The end event reached must be the scenario's outcome.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { routeScenarios, walkRoute } from '../../../language/exports/route-table.js';
import type { RouteChoice, RouteScenario } from '../../../language/exports/route-scenarios.js';
import type { HitlModel, Workflow } from '../../../language/model/schema.js';
import { evaluateFeel } from './feel.js';
import { exportedSamples, type ExportedSample } from './samples.js';
import { branchVariables } from './witness.js';

const require = createRequire(import.meta.url);
const { Engine } = require('bpmn-engine');
const { Timers } = require('bpmn-elements');

interface Timer {
    readonly args: Array<{ id?: string }>;
    readonly timerRef: { fire: () => void };
}

/** How the case ended, read from the end event's id as docs/export.md documents them. */
function endingOf(workflow: Workflow, endEvent: string): string {
    if (workflow.steps.some((step) => step.kind === 'outcome' && step.id === endEvent)) return endEvent;
    const [step, ...rest] = endEvent.split('-');
    const suffix = rest.join('-');
    if (suffix === 'stopped') return `stopped:${step}`;
    if (suffix.startsWith('failed-')) return `failed:${suffix.slice('failed-'.length)}`;
    if (['denied', 'paused', 'rejected'].includes(suffix)) return suffix;
    return `unknown end event ${endEvent}`;
}

/** The step a user task acts for: the gate or queue itself, or the gate or queue whose escalation level it is (`<Step>-<Chain>-<n>`). */
const ownerOf = (taskId: string) => taskId.split('-')[0];

/** The end the run reached, and the steps it passed (each once, sorted). */
async function run(model: HitlModel, sample: ExportedSample, scenario: RouteScenario): Promise<{ reached: string; passed: string[] }> {
    const workflow = model.workflows.find((w) => w.id === sample.workflow)!;
    const variables = new Map<string, unknown>();
    const seen = new Set<string>();
    const levelsTimedOut = new Map<string, number>();
    /** The scenario's choice the first time the case reaches a step; afterwards the default. */
    const choiceAt = (step: string): RouteChoice | undefined => {
        if (seen.has(step)) return undefined;
        seen.add(step);
        return scenario.choices[step];
    };
    const chooseBranch = (stepId: string, branch: number) => {
        const step = workflow.steps.find((s) => s.id === stepId)!;
        if (step.kind === 'outcome' || !step.routes.some((route) => route.kind === 'when' && route.target) || step.routes.some((route) => route.kind === 'then')) return;
        for (const [field, value] of branchVariables(workflow, step, branch)) variables.set(field, value);
    };

    const timers = new Timers({ setTimeout: (fire: () => void) => ({ fire }), clearTimeout: () => undefined });
    const fireTimer = (boundary: string) => {
        const timer = (timers.executing as Timer[]).find((t) => t.args[0]?.id === boundary);
        if (!timer) throw new Error(`no running timer on ${boundary}`);
        timer.timerRef.fire();
    };

    function Service(this: { execute: (message: unknown, callback: (error: unknown, output?: unknown) => void) => void }, activity: { id: string }) {
        this.execute = (_message, callback) => {
            const stepId = activity.id;
            const step = workflow.steps.find((s) => s.id === stepId)!;
            const choice = choiceAt(stepId);
            if (step.kind === 'ai-step') {
                const result = choice?.kind === 'ai' ? choice.result : 'ok';
                if (result === 'unavailable' || result === 'abnormal-output' || result === 'error') return callback(Object.assign(new Error(`AI ${result}`), { code: result }));
                if (step.confidenceThreshold !== undefined) variables.set(`${stepId}_confidence`, result === 'low-confidence' ? step.confidenceThreshold - 0.01 : step.confidenceThreshold);
                chooseBranch(stepId, choice?.kind === 'ai' ? (choice.branch ?? 0) : 0);
            } else {
                chooseBranch(stepId, choice?.kind === 'decision' ? choice.branch : 0);
            }
            callback(null, {});
        };
    }

    const engine = new Engine({
        name: `${sample.sample}: ${scenario.name}`,
        source: sample.xml,
        timers,
        extensions: {
            hitl(activity: { type: string; behaviour: { Service?: unknown } }) {
                if (activity.type === 'bpmn:ServiceTask') activity.behaviour.Service = Service;
            },
        },
        expressions: {
            resolveExpression: (expression: string) => (typeof expression === 'string' && expression.startsWith('=') ? evaluateFeel(expression.slice(1), variables) : expression),
            isExpression: (text: string) => typeof text === 'string' && text.startsWith('='),
            hasExpression: (text: string) => typeof text === 'string' && text.startsWith('='),
        },
    });

    const ends: string[] = [];
    const stepIds = new Set(workflow.steps.map((step) => step.id));
    const passed: string[] = [];
    const { EventEmitter } = await import('node:events');
    const listener = new EventEmitter();
    listener.on('activity.start', (api: { id: string; type: string }) => {
        if (stepIds.has(api.id) && !passed.includes(api.id)) passed.push(api.id);
        // A decision that branches is its own gateway: its fields are set as the case reaches it.
        if (api.type === 'bpmn:ExclusiveGateway' && workflow.steps.some((s) => s.id === api.id && s.kind === 'decision')) {
            const choice = choiceAt(api.id);
            chooseBranch(api.id, choice?.kind === 'decision' ? choice.branch : 0);
        }
    });
    listener.on('activity.end', (api: { id: string; type: string }) => {
        if (api.type === 'bpmn:EndEvent') ends.push(api.id);

    });
    listener.on('activity.wait', (api: { id: string; type: string; signal: (message?: unknown) => void }) => {
        if (api.type !== 'bpmn:UserTask') return;
        const taskId = api.id;
        const owner = ownerOf(taskId);
        const step = workflow.steps.find((s) => s.id === owner)!;
        setImmediate(() => {
            if (taskId === owner) {
                const choice = choiceAt(owner);
                if ((choice?.kind === 'gate' || choice?.kind === 'queue') && choice.action === 'timeout') {
                    levelsTimedOut.set(owner, choice.levelsTimingOut ?? 0);
                    return fireTimer(`${taskId}-sla`);
                }
                if (step.kind === 'gate') variables.set(`${owner}_action`, choice?.kind === 'gate' ? choice.action : 'approve');
                return api.signal();
            }
            // A level of the escalation: it times out while the scenario says so, then acts (approves).
            const remaining = levelsTimedOut.get(owner) ?? 0;
            if (remaining > 0) {
                levelsTimedOut.set(owner, remaining - 1);
                return fireTimer(`${taskId}-timeout`);
            }
            if (step.kind === 'gate') variables.set(`${owner}_action`, 'approve');
            api.signal();
        });
    });

    await new Promise<void>((resolve, reject) => {
        engine.once('end', () => resolve());
        engine.once('error', (error: Error) => reject(error));
        engine.execute({ listener }).catch(reject);
    });
    const reached = ends.length === 1 ? endingOf(workflow, ends[0]) : `${ends.length} end events: ${ends.join(', ')}`;
    return { reached, passed: passed.sort() };
}

describe('BPMN export executed in bpmn-engine, one run per route scenario', async () => {
    const { model, samples } = await exportedSamples();
    const cases = samples.flatMap((sample) => routeScenarios(model, sample.workflow).map((scenario) => [sample.sample, scenario.name, sample, scenario] as const));

    test.each(cases)('%s: %s', async (sampleName, scenarioName, sample, scenario) => {
        const { reached, passed } = await run(model, sample, scenario).catch((error: Error) => ({ reached: `engine error: ${error.message}`, passed: [] }));
        expect(reached, `${sampleName}, route '${scenarioName}': the run ended at '${reached}', the route table expects '${scenario.expected}'`).toBe(scenario.expected);
        // Many routes end in the same outcome: the steps on the way must be those the walk over the model passes too.
        const walked = [...walkRoute(model, model.workflows.find((w) => w.id === sample.workflow)!, scenario.choices).path].sort();
        expect(passed, `${sampleName}, route '${scenarioName}': the run passed other steps than the walk over the model`).toEqual(walked);
    });
});

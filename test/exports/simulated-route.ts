import type { RouteScenario } from '../../language/exports/route-scenarios.js';
import { escalationOf } from '../../language/model/paths.js';
import type { HitlModel, Step, Workflow } from '../../language/model/schema.js';
import type { Distribution } from '../../language/simulator/distributions.js';
import { simulateRun } from '../../language/simulator/engine.js';
import type { RoleScenario, Scenario, StepScenario } from '../../language/simulator/scenario.js';

/**
 * A route scenario run in the simulator: one case, with a scenario that makes every step do what
 * the route says (failure and confidence draws of probability 1, one action, one branch, handling
 * times just past an SLA for a timeout and for each escalation level that times out). Returns how
 * the case ended, as the simulator names it.
 */
export function simulateRoute(model: HitlModel, workflow: Workflow, route: RouteScenario): string {
    const run = simulateRun(model, { workflow: workflow.id, seed: 1, scenario: forcing(model, workflow, route) });
    return run.outcomes.map((outcome) => outcome.outcome).join(', ') || 'no outcome';
}

const quick: Distribution = { kind: 'fixed', value: 1 };
const after = (seconds: number): Distribution => ({ kind: 'fixed', value: seconds + 60 });

function forcing(model: HitlModel, workflow: Workflow, route: RouteScenario): Scenario {
    const steps: Record<string, StepScenario> = {};
    const roles: Record<string, RoleScenario> = {};
    for (const step of workflow.steps) {
        const choice = route.choices[step.id];
        const branch = oneHot(step, choice?.kind === 'decision' ? choice.branch : choice?.kind === 'ai' ? (choice.branch ?? 0) : 0);
        switch (step.kind) {
            case 'ai-step': {
                const result = choice?.kind === 'ai' ? choice.result : 'ok';
                steps[step.id] = {
                    duration: quick,
                    failures: { unavailable: result === 'unavailable' ? 1 : 0, 'abnormal-output': result === 'abnormal-output' ? 1 : 0, error: result === 'error' ? 1 : 0 },
                    confidence: { kind: 'fixed', value: result === 'low-confidence' ? 0 : 1 },
                    ...branch,
                };
                break;
            }
            case 'gate':
            case 'queue': {
                const action = choice?.kind === 'gate' || choice?.kind === 'queue' ? choice.action : undefined;
                const sla = step.kind === 'gate' ? step.sla : (step.timeout ?? step.sla);
                const acting = step.kind === 'gate' ? (action !== undefined && action !== 'timeout' ? action : step.allows.includes('approve') ? 'approve' : step.allows[0]) : undefined;
                steps[step.id] = { duration: action === 'timeout' && sla ? after(sla.seconds) : quick, ...(acting ? { actions: { [acting]: 1 } } : {}), ...branch };
                if (action === 'timeout' && (choice?.kind === 'gate' || choice?.kind === 'queue')) timeLevelsOut(model, workflow, step, choice.levelsTimingOut ?? 0, roles);
                break;
            }
            case 'automated-step':
            case 'effect':
                steps[step.id] = { duration: quick, ...branch };
                break;
            case 'decision':
                steps[step.id] = { ...branch };
                break;
        }
    }
    return { cases: 1, steps, roles };
}

/** The first `count` levels of the chain the step's timeout escalates to take longer than their deadline; the next acts at once. */
function timeLevelsOut(model: HitlModel, workflow: Workflow, step: Step, count: number, roles: Record<string, RoleScenario>): void {
    if (step.kind !== 'gate' && step.kind !== 'queue') return;
    const timeout = step.routes.find((route) => route.kind === 'on' && route.event === 'timeout');
    const target = timeout?.kind === 'on' ? timeout.action?.target : undefined;
    if (!target) return;
    const levels = target.kind === 'party' ? [{ party: target.id, within: undefined }] : (escalationOf(model, workflow, target)?.chain.levels ?? []).map((level) => ({ party: level.party, within: level.within?.seconds }));
    levels.forEach((level, index) => {
        if (!level.party) return;
        roles[level.party] = { handling: index < count && level.within !== undefined ? after(level.within) : quick };
    });
}

/** Branch weights that take the `index`-th onward route of a step whose routes branch. */
function oneHot(step: Step, index: number): Pick<StepScenario, 'branches'> {
    if (step.kind === 'outcome' || step.routes.some((route) => route.kind === 'then')) return {};
    const onward = step.routes.filter((route) => route.kind === 'when' || route.kind === 'otherwise').length;
    return onward > 0 ? { branches: Array.from({ length: onward }, (_, at) => (at === index ? 1 : 0)) } : {};
}

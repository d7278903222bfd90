import { describe, expect, test } from 'vitest';
import { exportAsl } from '../../language/exports/asl/index.js';
import { routeScenarios } from '../../language/exports/route-table.js';
import { compileFolder } from '../compile/workspace.js';
import { runAslRoute } from './asl/run-asl.js';
import { simulateRoute } from './simulated-route.js';

// One route table per sample (test/golden/routes/), the outcome the .hitl file means for each
// route: the simulator and the Step Functions export run in aws-local-stepfunctions must both
// reach it; the Camunda export runs the same table in bpmn-engine (test/exports/bpmn/engine.test.ts).
// A disagreement names the runner and the route.

describe('the simulator and the Step Functions export agree with the route table', async () => {
    const { model } = await compileFolder('samples');
    const routes = model.workflows.flatMap((workflow) => routeScenarios(model, workflow.id).map((route) => [workflow.id, route.name, workflow, route] as const));

    test.each(routes)('%s: %s', async (workflowId, name, workflow, route) => {
        const simulated = simulateRoute(model, workflow, route);
        const stepFunctions = await runAslRoute(exportAsl(model, workflowId), route).catch((error: Error) => `engine error: ${error.message}`);
        expect({ simulator: simulated, 'Step Functions': stepFunctions }, `${workflowId}, route '${name}': expected '${route.expected}'`).toEqual({ simulator: route.expected, 'Step Functions': route.expected });
    });
});

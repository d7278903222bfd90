import path from 'node:path';
import { exportBpmn } from '../../../language/exports/bpmn/index.js';
import type { HitlModel } from '../../../language/model/schema.js';
import { compileFolder } from '../../compile/workspace.js';

export interface ExportedSample {
    /** The sample file's name without `.hitl`: `insurance-claims`. */
    readonly sample: string;
    readonly workflow: string;
    readonly xml: string;
}

/** Every sample workflow compiled and exported once per test file. */
export async function exportedSamples(): Promise<{ model: HitlModel; samples: ExportedSample[] }> {
    const { model } = await compileFolder('samples');
    const samples: ExportedSample[] = [];
    for (const workflow of model.workflows) {
        samples.push({ sample: path.basename(workflow.source.file, '.hitl'), workflow: workflow.id, xml: exportBpmn(model, workflow.id) });
    }
    return { model, samples };
}

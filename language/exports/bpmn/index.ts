import type { HitlModel } from '../../model/schema.js';
import { diagramXml } from './layout.js';
import { buildProcess } from './process.js';
import { processXml } from './xml.js';

/**
 * A workflow as BPMN 2.0 XML for Camunda 8 (Zeebe), with a laid-out diagram. Pure: the same
 * model gives the same bytes. See docs/export.md for the mapping and the names it shares with
 * the job workers and task forms.
 */
export function exportBpmn(model: HitlModel, workflowId: string): string {
    const workflow = model.workflows.find((candidate) => candidate.id === workflowId);
    if (!workflow) throw new Error(`No workflow named '${workflowId}' to export.`);
    const process = buildProcess(model, workflow);
    return processXml(process, diagramXml(process));
}

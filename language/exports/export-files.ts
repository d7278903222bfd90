import { aslJson, exportAsl } from './asl/index.js';
import { exportBpmn } from './bpmn/index.js';
import { exportMermaid } from './mermaid/index.js';
import type { HitlModel } from '../model/schema.js';
import type { DeploymentFile } from '../generators/deployment.js';

// What `hitl export` (and the editor's export commands) write per target: one file per workflow,
// named by the workflow, from the pure exporters.

export const EXPORT_TARGETS = ['bpmn', 'asl', 'mermaid'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export function exportFiles(model: HitlModel, target: ExportTarget): DeploymentFile[] {
    return model.workflows.map((workflow) => {
        switch (target) {
            case 'bpmn':
                return { path: `${workflow.id}.bpmn`, content: exportBpmn(model, workflow.id) };
            case 'asl':
                return { path: `${workflow.id}.asl.json`, content: aslJson(exportAsl(model, workflow.id)) };
            case 'mermaid':
                return { path: `${workflow.id}.mmd`, content: exportMermaid(model, workflow.id) };
        }
    });
}

import { aslJson, exportAsl } from '../language/exports/asl/index.js';
import { exportBpmn } from '../language/exports/bpmn/index.js';
import { exportMermaid } from '../language/exports/mermaid/index.js';
import type { HitlModel } from '../language/model/schema.js';
import type { OutputFile } from './output-folder.js';

// What `hitl export` writes per target (cli/main.ts runs the command): one file per workflow,
// named by the workflow, from the pure exporters of the core.

export const EXPORT_TARGETS = ['bpmn', 'asl', 'mermaid'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export function exportFiles(model: HitlModel, target: ExportTarget): OutputFile[] {
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

import type { HitlModel } from '../model/schema.js';
import { auditSchema, auditSchemaId } from './audit-schema.js';
import { runtimeConfiguration, runtimeJsonSchema } from './runtime-config.js';
import { yamlText } from './yaml-text.js';

/**
 * What `hitl compile` writes, as data: per workflow its runtime configuration and its audit
 * record schema, and the runtime configuration's JSON Schema. Pure: the CLI writes the files
 * (atomically) and adds the manifest.
 */

export type DeploymentFormat = 'yaml' | 'json';

export interface DeploymentOptions {
    /** The runtime configuration's format (the schemas are always JSON). */
    readonly format: DeploymentFormat;
    /** The base URI of the audit schemas' `$id` (default https://hitl.dev/schemas/v1/). */
    readonly schemaBaseUri?: string;
}

export interface DeploymentFile {
    /** Relative to the output folder, with forward slashes. */
    readonly path: string;
    readonly content: string;
}

export const RUNTIME_SCHEMA_FILE = 'runtime.schema.json';

/** JSON as written to disk: two-space indent, a final newline. */
export function jsonText(value: unknown): string {
    return `${JSON.stringify(value, null, 2)}\n`;
}

/** Comment lines on top of YAML; a line break in a comment (a strange file name) would end it, so there is none. */
function commented(header: readonly string[], yaml: string): string {
    return header.map((line) => `# ${line.replace(/[\r\n\u0085\u2028\u2029]/g, ' ')}\n`).join('') + yaml;
}

/** The files to deploy for every workflow of the model, sorted by path; the same model gives byte-identical files. */
export function generateDeployment(model: HitlModel, options: DeploymentOptions): DeploymentFile[] {
    const files: DeploymentFile[] = [{ path: RUNTIME_SCHEMA_FILE, content: jsonText(runtimeJsonSchema()) }];
    for (const workflow of model.workflows) {
        const schemaId = auditSchemaId(workflow, options.schemaBaseUri);
        const config = runtimeConfiguration(model, workflow, schemaId);
        const runtimePath = `${workflow.id}.runtime.${options.format}`;
        const content =
            options.format === 'json'
                ? jsonText(config)
                : commented(
                      [
                          `yaml-language-server: $schema=${RUNTIME_SCHEMA_FILE}`,
                          `Runtime configuration of workflow ${workflow.id}, compiled by hitl from ${workflow.source.file}.`,
                          'Generated: change the .hitl source and compile again rather than editing this file.',
                      ],
                      yamlText(config),
                  );
        files.push({ path: runtimePath, content });
        files.push({ path: `${workflow.id}.audit.schema.json`, content: jsonText(auditSchema(model, workflow, { baseUri: options.schemaBaseUri })) });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

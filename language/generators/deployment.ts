import { stringify } from 'yaml';
import type { HitlModel } from '../model/schema.js';
import { auditSchema, auditSchemaId } from './audit-schema.js';
import { runtimeConfiguration, runtimeJsonSchema } from './runtime-config.js';

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

function yamlText(value: unknown, header: readonly string[]): string {
    const comments = header.map((line) => `# ${line}\n`).join('');
    // No anchors or aliases, no line folding, and strings quoted wherever YAML 1.1 would read them
    // otherwise (`on`, `no`, dates): the file means the same to people and to every YAML parser.
    return comments + stringify(value, { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0 });
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
                : yamlText(config, [
                      `yaml-language-server: $schema=${RUNTIME_SCHEMA_FILE}`,
                      `Runtime configuration of workflow ${workflow.id}, compiled by hitl from ${workflow.source.file}.`,
                      'Generated: change the .hitl source and compile again rather than editing this file.',
                  ]);
        files.push({ path: runtimePath, content });
        files.push({ path: `${workflow.id}.audit.schema.json`, content: jsonText(auditSchema(model, workflow, { baseUri: options.schemaBaseUri })) });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

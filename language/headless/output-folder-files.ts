import { createHash } from 'node:crypto';
import { URI, type LangiumDocument } from 'langium';
import { compileModel } from '../compiler/compile-model.js';
import { exportFiles, type ExportTarget } from '../exports/export-files.js';
import { isHitlFile, isWorkflow, type Workflow } from '../generated/ast.js';
import { generateDeployment, type DeploymentFile, type DeploymentFormat } from '../generators/index.js';
import { buildManifest, MANIFEST_FILE_NAME, renderManifest, type SuppressedFinding } from '../generators/manifest.js';
import { buildComplianceReport, reportFindingsOf } from '../report/compliance-report.js';
import { CONFIG_SCHEMA_FILE_NAME, renderConfigSchema } from '../settings/config-schema.js';
import { ruleCatalogue } from '../validation/registry.js';

// The content of the output folder of `hitl compile` and `hitl export`, the same for the CLI and
// the editor's commands: the generated files, sorted by path, and `manifest.json` last. The shells
// read the sources and write the folder.

export const DEPLOYMENT_FORMATS = ['yaml', 'json'] as const;

/** `compile` with its `--format`, or `export` with its `--target` (recorded in the manifest). */
export type OutputKind = { readonly command: 'compile'; readonly format: DeploymentFormat } | { readonly command: 'export'; readonly target: ExportTarget };

export interface OutputFolderInput {
    readonly kind: OutputKind;
    readonly toolVersion: string;
    /** ISO date for the manifest, when asked for one. */
    readonly generatedOn?: string;
    /** The documents whose workflows are written: free of errors, linked against the workspace. */
    readonly compiled: readonly LangiumDocument[];
    /** Every document loaded: a finding in any of them counts for the suppressions and the coverage. */
    readonly documents: readonly LangiumDocument[];
    /** The sources (the .hitl files and the configuration) with the bytes they were read from. */
    readonly sources: ReadonlyArray<{ readonly uri: URI; readonly content: Uint8Array | string }>;
    /** How a source is named: relative to the workspace root, forward slashes. */
    readonly display: (uri: URI) => string;
}

export function outputFolderFiles(input: OutputFolderInput): DeploymentFile[] {
    const { display } = input;
    const outputs = generatedFiles(input.kind, input.compiled, display).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const findings = input.documents.flatMap((document) => reportFindingsOf(document));
    const suppressed = findings.flatMap((finding): SuppressedFinding[] =>
        finding.suppression
            ? [{ code: finding.code, path: display(URI.parse(finding.uri)), line: finding.range.start.line + 1, column: finding.range.start.character + 1, message: finding.message, ...finding.suppression }]
            : [],
    );
    const coverage = buildComplianceReport(input.compiled, findings, ruleCatalogue, (uri) => display(URI.parse(uri)));
    const manifest = buildManifest({
        toolVersion: input.toolVersion,
        format: input.kind.command === 'compile' ? input.kind.format : input.kind.target,
        generatedOn: input.generatedOn,
        sources: input.sources.map((source) => ({ path: display(source.uri), sha256: sha256(source.content) })),
        outputs: outputs.map((file) => ({ path: file.path, sha256: sha256(file.content) })),
        suppressed,
        coverage: coverage.workflows,
    });
    // The manifest goes last: a folder holding it is complete.
    return [...outputs, { path: MANIFEST_FILE_NAME, content: renderManifest(manifest) }];
}

function generatedFiles(kind: OutputKind, documents: readonly LangiumDocument[], display: (uri: URI) => string): DeploymentFile[] {
    const model = compileModel(documents, { display });
    if (kind.command === 'export') return exportFiles(model, kind.target);
    return [...generateDeployment(model, { format: kind.format }), { path: CONFIG_SCHEMA_FILE_NAME, content: renderConfigSchema(ruleCatalogue) }];
}

/** The workflows declared in these documents, in document order. */
export function workflowsIn(documents: readonly LangiumDocument[]): Array<{ workflow: Workflow; document: LangiumDocument }> {
    return documents.flatMap((document) => {
        const root = document.parseResult.value;
        return isHitlFile(root) ? root.elements.filter(isWorkflow).map((workflow) => ({ workflow, document })) : [];
    });
}

export function sha256(content: Uint8Array | string): string {
    return createHash('sha256').update(content).digest('hex');
}

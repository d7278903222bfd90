import { DocumentState, URI, UriUtils, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CompletionParams, Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type CompletionItem, type CompletionList, type Diagnostic } from 'vscode-languageserver-types';
import { compileModel } from '../../compiler/compile-model.js';
import type { HitlModel, Workflow } from '../../model/schema.js';
import { configJsonSchema } from '../../settings/config-schema.js';
import { parseScenario, scenarioJsonSchema } from '../../simulator/scenario-file.js';
import { ruleCatalogue } from '../../validation/registry.js';
import { parseWorkspaceConfig } from '../../workspace/workspace-config.js';
import { rulePagesOf } from '../language-server.js';
import { configDiagnostics, type HitlWorkspaceManager } from '../workspace-manager.js';
import { schemaSuggestions, type JsonSchema } from './schema-completion.js';
import { SCENARIO_SUFFIX, yamlFileKind } from './yaml-file-kind.js';

/**
 * `hitl.config.yaml` and `*.scenario.yaml` as the editor has them open: checked as the CLI checks
 * them (same messages, same lines and columns) and completed from their JSON Schemas. These
 * documents are handled beside Langium: its document builder never sees them (see
 * HitlDocumentUpdateHandler), so they are never parsed as hitl.
 */
export class HitlYamlFiles {
    private readonly schemas = new Map<'config' | 'scenario', JsonSchema>();

    constructor(private readonly shared: LangiumSharedServices) {}

    listen(connection: Connection): void {
        const documents = this.shared.workspace.TextDocuments;
        documents.onDidChangeContent(({ document }) => {
            if (yamlFileKind(document.uri)) void this.check(connection, document);
        });
        documents.onDidClose(({ document }) => {
            const kind = yamlFileKind(document.uri);
            if (!kind) return;
            // Closed, the file is what is on disk: the configuration is read from there again.
            connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
            if (kind === 'config') void (this.shared.workspace.WorkspaceManager as unknown as HitlWorkspaceManager).reloadConfig();
        });
        // A scenario names steps, roles and attributes of its workflow: an edit there can change its findings.
        this.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, async () => {
            for (const document of documents.all()) if (yamlFileKind(document.uri) === 'scenario') await this.check(connection, document);
        });
    }

    handles(uri: string): boolean {
        return yamlFileKind(uri) !== undefined;
    }

    complete(params: CompletionParams): CompletionList {
        const document = this.shared.workspace.TextDocuments.get(params.textDocument.uri);
        const kind = yamlFileKind(params.textDocument.uri);
        if (!document || !kind) return { isIncomplete: false, items: [] };
        const suggestions = schemaSuggestions(document.getText(), params.position.line, params.position.character, this.schema(kind));
        const items = suggestions.map((suggestion): CompletionItem => ({
            label: suggestion.label,
            kind: suggestion.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
            ...(suggestion.kind === 'key' ? { insertText: `${suggestion.label}: ` } : {}),
            ...(suggestion.description ? { documentation: suggestion.description } : {}),
        }));
        return { isIncomplete: false, items };
    }

    private async check(connection: Connection, document: TextDocument): Promise<void> {
        const kind = yamlFileKind(document.uri);
        // A scenario is read against the workspace's workflows: not before they are loaded and linked.
        if (kind === 'scenario') {
            await this.shared.workspace.WorkspaceManager.ready;
            await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked);
        }
        const diagnostics = kind === 'config' ? configDiagnostics(parseWorkspaceConfig(document.getText()).problems, rulePagesOf(this.shared)) : this.scenarioDiagnostics(document);
        // An edit that came in meanwhile is checked on its own.
        if (this.shared.workspace.TextDocuments.get(document.uri)?.version === document.version) connection.sendDiagnostics({ uri: document.uri, diagnostics, version: document.version });
    }

    /**
     * A scenario is read for each workflow it is the scenario of, as `hitl simulate` finds it:
     * `<file>.<Workflow>.scenario.yaml` or `<file>.scenario.yaml` beside `<file>.hitl`. A file no
     * workflow takes is only read by `--scenario`, for a workflow named there: not checked here.
     */
    private scenarioDiagnostics(document: TextDocument): Diagnostic[] {
        const uri = URI.parse(document.uri);
        const model = this.model();
        const seen = new Set<string>();
        const diagnostics: Diagnostic[] = [];
        for (const workflow of workflowsOf(model, uri)) {
            const parsed = parseScenario(document.getText(), model, workflow.id);
            if (parsed.ok) continue;
            for (const problem of parsed.problems) {
                const key = `${problem.line}:${problem.column}:${problem.message}`;
                if (seen.has(key)) continue;
                seen.add(key);
                const position = { line: problem.line - 1, character: problem.column - 1 };
                diagnostics.push({ range: { start: position, end: position }, severity: 1, source: 'hitl', message: problem.message });
            }
        }
        return diagnostics;
    }

    private model(): HitlModel {
        const documents = this.shared.workspace.LangiumDocuments.all.filter((document: LangiumDocument) => document.state >= DocumentState.Linked).toArray();
        return compileModel(documents, { display: (uri) => uri.toString() });
    }

    private schema(kind: 'config' | 'scenario'): JsonSchema {
        let schema = this.schemas.get(kind);
        if (!schema) {
            schema = kind === 'config' ? configJsonSchema(ruleCatalogue) : scenarioJsonSchema();
            this.schemas.set(kind, schema);
        }
        return schema;
    }
}

/** The workflows whose scenario the file is (the model's sources are URIs here). */
function workflowsOf(model: HitlModel, scenario: URI): Workflow[] {
    const folder = UriUtils.dirname(scenario).toString();
    const name = UriUtils.basename(scenario);
    return model.workflows.filter((workflow) => {
        const source = URI.parse(workflow.source.file);
        if (UriUtils.dirname(source).toString() !== folder) return false;
        const stem = UriUtils.basename(source).replace(/\.hitl$/, '');
        return name === `${stem}.${workflow.id}${SCENARIO_SUFFIX}` || name === `${stem}${SCENARIO_SUFFIX}`;
    });
}

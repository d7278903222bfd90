import { GrammarUtils, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { CodeLensProvider } from 'langium/lsp';
import { isHitlFile, isWorkflow } from '../generated/ast.js';
import { workflowCompliance } from '../report/workflow-compliance.js';
import { referencedDocuments } from './referenced-documents.js';

/**
 * Above each workflow: `Graph · Simulate · Compile · N/40 requirements met`, four lenses whose
 * commands the extension runs with the document's URI and the workflow's name.
 */
export class HitlCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: LangiumServices) {}

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value;
        if (!isHitlFile(root)) return [];
        const workflows = root.elements.filter(isWorkflow);
        if (workflows.length === 0) return [];
        // The handler runs once this document is validated (HITL_SERVICE_REQUIREMENTS); waiting here,
        // inside the workspace's read lock, would hold back the very build it waits for.
        // The findings of the file and of what it refers to are all a workflow's compliance can count (declarationsUsedBy).
        const documents = referencedDocuments(this.services.shared, document);
        const compliance = new Map(workflowCompliance(document, documents, (uri) => uri).map((each) => [each.workflow, each]));
        const uri = document.uri.toString();
        return workflows.flatMap((workflow) => {
            const node = GrammarUtils.findNodeForProperty(workflow.$cstNode, 'name') ?? workflow.$cstNode;
            if (!node) return [];
            const line = node.range.start.line;
            const range = { start: { line, character: 0 }, end: { line, character: 0 } };
            const lens = (title: string, command: string, tooltip?: string): CodeLens => ({ range, command: { title, command, arguments: [uri, workflow.name], ...(tooltip ? { tooltip } : {}) } });
            const matrix = compliance.get(workflow.name);
            return [
                lens('Graph', 'hitl.showGraph'),
                lens('Simulate', 'hitl.simulate'),
                lens('Compile', 'hitl.compile'),
                ...(matrix ? [lens(`${matrix.met}/${matrix.total} requirements met`, 'hitl.showCompliance', 'Met or not applicable; the compliance matrix lists the rest')] : []),
            ];
        });
    }
}

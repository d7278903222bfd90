import { UriUtils, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, RequestType, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { workflowCompliance, type WorkflowCompliance } from '../../report/workflow-compliance.js';
import { builtWorkspace } from './built-workspace.js';

// `hitl/compliance`: the G01–G40 matrix of a workflow, as `hitl report` builds it, each finding
// with its file and range. Answered whatever the findings: showing them is its point.

export interface ComplianceParams {
    readonly uri: string;
    /** The workflow; the first of the document when absent. */
    readonly workflow?: string;
}

export const ComplianceRequest = new RequestType<ComplianceParams, WorkflowCompliance, void>('hitl/compliance');

export function registerComplianceRequests(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(ComplianceRequest, (params, token) => compliance(shared, params, token));
}

export async function compliance(shared: LangiumSharedServices, params: ComplianceParams, token?: CancellationToken): Promise<WorkflowCompliance> {
    const workspace = await builtWorkspace(shared, token);
    const uri = URI.parse(params.uri);
    const document = workspace.documents.find((each) => UriUtils.equals(each.uri, uri));
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `${params.uri} is not a .hitl file of the workspace`);
    const workflows = workflowCompliance(document, workspace.documents, (each) => workspace.display(URI.parse(each)));
    const found = params.workflow === undefined ? workflows[0] : workflows.find((each) => each.workflow === params.workflow);
    if (!found) throw new ResponseError(ErrorCodes.InvalidParams, params.workflow === undefined ? `${workspace.display(uri)} declares no workflow` : `no workflow '${params.workflow}' in ${workspace.display(uri)}`);
    return found;
}

import type { AstNode } from 'langium';
import { isAutomatedStep, type AiStep, type DataField, type Dataset, type Step, type Workflow } from '../generated/ast.js';
import { describePath, flowGraphOf, reachableFrom, type FlowEdge } from './flow-graph.js';
import { aiStepsOf, findUnblockedPath, isHumanParty } from './governance.js';
import type { RelatedNode } from '../validation/rule.js';
import { quoted } from '../util/names.js';

export type MaskingScope = 'ai-input' | 'audit';

/** A personal field that reaches an AI step, or an audit record, unmasked. */
export interface MaskingGap {
    readonly scope: MaskingScope;
    readonly dataset: Dataset;
    readonly field: DataField;
    /** `Dataset.field` */
    readonly qualified: string;
    /** The AI step that reads it (the first one, for audit gaps). */
    readonly step: AiStep;
    /** Where the finding goes, and the index of the dataset in the step's inputs. */
    readonly inputIndex: number;
    /** For ai-input gaps left by masking steps on some paths only: the unmasked path from the start. */
    readonly path?: readonly FlowEdge[];
    readonly message: string;
    readonly related: readonly RelatedNode[];
}

function maskedByAccess(workflow: Workflow, field: DataField, scope: MaskingScope): boolean {
    return (workflow.access?.masks ?? []).some((rule) => rule.scopes.includes(scope) && rule.fields.some((f) => f.ref === field));
}

/**
 * `unmask … for <AiActor> because "…"`: the model of this step needs the field, and the file
 * says why. Without a reason the exception does not count.
 */
function unmaskedForActor(workflow: Workflow, field: DataField, step: AiStep): boolean {
    const actor = step.actor?.ref;
    if (!actor) return false;
    return (workflow.access?.unmasks ?? []).some((rule) => !!rule.reason?.trim() && rule.fields.some((f) => f.ref === field) && rule.parties.some((p) => p.ref === actor));
}

/** `unmask … for <Role>`: a deliberate decision that named people may see the field. */
function unmaskedForPeople(workflow: Workflow, field: DataField): boolean {
    return (workflow.access?.unmasks ?? []).some((rule) => rule.fields.some((f) => f.ref === field) && rule.parties.some((p) => isHumanParty(p.ref)));
}

/**
 * Whether automated steps mask the field on every path from the workflow's start to the AI
 * step: `covered`, or the first path that escapes them (empty when the AI step is the start),
 * or `unreached` when no path from the start reaches the step at all.
 */
function maskingOnPaths(workflow: Workflow, field: DataField, step: AiStep): { covered: true } | { covered: false; path?: FlowEdge[]; maskers: Step[] } {
    const maskers = workflow.steps.filter((s) => isAutomatedStep(s) && s.masks.some((m) => m.ref === field));
    const graph = flowGraphOf(workflow);
    const start = graph.start;
    if (maskers.length === 0 || !start) return { covered: false, maskers };
    if (start === step) return { covered: false, path: [], maskers };
    if (maskers.includes(start)) return { covered: true };
    if (!reachableFrom(graph, start).has(step)) return { covered: false, maskers };
    const path = findUnblockedPath(graph, start, (s) => s === step, (s) => maskers.includes(s));
    return path ? { covered: false, path, maskers } : { covered: true };
}

/** Every personal field of an AI step's input that is not masked in AI input or in the audit record. */
export function maskingGaps(workflow: Workflow): MaskingGap[] {
    const gaps: MaskingGap[] = [];
    const auditReported = new Set<DataField>();
    for (const step of aiStepsOf(workflow)) {
        step.inputs.forEach((input, inputIndex) => {
            const dataset = input.ref;
            if (!dataset) return;
            for (const field of dataset.fields.filter((f) => f.personal)) {
                const qualified = `${dataset.name}.${field.name}`;
                const fieldRelated: RelatedNode = { node: field, message: `'${qualified}' is personal data` };
                if (!maskedByAccess(workflow, field, 'ai-input') && !unmaskedForActor(workflow, field, step)) {
                    const paths = maskingOnPaths(workflow, field, step);
                    if (!paths.covered) gaps.push(aiInputGap(workflow, step, dataset, field, qualified, inputIndex, paths, fieldRelated));
                }
                const audit = workflow.audit;
                if (audit && !audit.masksPersonalData && !maskedByAccess(workflow, field, 'audit') && !unmaskedForPeople(workflow, field) && !auditReported.has(field)) {
                    auditReported.add(field);
                    gaps.push({
                        scope: 'audit',
                        dataset,
                        field,
                        qualified,
                        step,
                        inputIndex,
                        message: `Personal field '${qualified}' (input of AI step ${quoted(step.name)}) is written to the audit record of workflow ${quoted(workflow.name)} unmasked; add 'mask personal data' to the audit block, or 'mask ${qualified} in audit' to the access block.`,
                        related: [fieldRelated],
                    });
                }
            }
        });
    }
    return gaps;
}

function aiInputGap(
    workflow: Workflow,
    step: AiStep,
    dataset: Dataset,
    field: DataField,
    qualified: string,
    inputIndex: number,
    paths: { path?: FlowEdge[]; maskers: Step[] },
    fieldRelated: RelatedNode,
): MaskingGap {
    const actor = step.actor?.ref?.name;
    const fix = `add 'mask ${qualified} in ai-input' to the access block${actor ? ` (or, when the model needs it, 'unmask ${qualified} for ${actor} because "…"')` : ''}`;
    const base = { scope: 'ai-input' as const, dataset, field, qualified, step, inputIndex };
    const maskerNames = paths.maskers.map((m) => `${quoted(m.name)}`).join(', ');
    if (paths.maskers.length > 0 && paths.path) {
        const path = paths.path;
        const steps = paths.maskers.length === 1 ? `masking step ${maskerNames}` : `masking steps ${maskerNames}`;
        const route =
            path.length === 0
                ? `: ${quoted(step.name)} is the workflow's first step, so the ${steps} never runs before it`
                : ` along ${describePath(path)}, which skips the ${steps}`;
        const onPath: AstNode[] = path.length === 0 ? [step] : [path[0].from, ...path.map((edge) => edge.to)];
        return {
            ...base,
            path,
            message: `Personal field '${qualified}' reaches AI step ${quoted(step.name)} unmasked${route}; mask it on that path too, or ${fix}.`,
            related: [fieldRelated, ...onPath.map((node) => ({ node, message: `on the unmasked path: ${quoted((node as Step).name)}` })), ...paths.maskers.map((m) => ({ node: m, message: `${quoted(m.name)} masks '${qualified}'` }))],
        };
    }
    if (paths.maskers.length > 0) {
        return {
            ...base,
            message: `Personal field '${qualified}' is masked by ${maskerNames}, but no path from the start of workflow ${quoted(workflow.name)} leads through it to AI step ${quoted(step.name)}; route the step after the masking step, or ${fix}.`,
            related: [fieldRelated, ...paths.maskers.map((m) => ({ node: m, message: `${quoted(m.name)} masks '${qualified}'` }))],
        };
    }
    return {
        ...base,
        message: `Personal field '${qualified}' reaches AI step ${quoted(step.name)} unmasked; ${fix}, or mask it in an automated step ('masks ${qualified}') before ${quoted(step.name)}.`,
        related: [fieldRelated],
    };
}

import { GrammarUtils } from 'langium';
import {
    isAiStep,
    isEventRoute,
    isGate,
    isManualQueue,
    isOutcome,
    isTimeoutAction,
    isWorkflow,
    type AiStep,
    type Step,
} from '../../generated/ast.js';
import { flowGraphOf, reachableFrom } from '../../analysis/flow-graph.js';
import { isHumanParty, isHumanStep, workflowOf } from '../../analysis/governance.js';
import { joinList } from '../../util/names.js';
import { fallbackRoutesOf, missingFallbacks } from '../../analysis/fallbacks.js';
import { fixWith, insertAfter, insertLinesAfter, insertLinesBefore } from './escalation.js';
import { humanOwnerOf, insertBeforeBody } from './oversight.js';
import { appendToBlock, enclosing, type QuickFixes } from './quick-fix.js';

/** Quick fixes for the fallback rules (and flow/outcome-without-result, G23), by diagnostic code. */
export const fallbackFixes: QuickFixes = {
    'fallback/ai-fallbacks': (context) => {
        const step = enclosing(context, isAiStep);
        const target = step && manualFallbackOf(step);
        if (!step || !target) return undefined;
        const lines = missingFallbacks(step).map((event) => `on ${event} -> ${target.name}`);
        if (lines.length === 0) return undefined;
        // With the other fallbacks if there are any, else before the step's routes.
        const fallbacks = fallbackRoutesOf(step);
        const last = fallbacks.at(-1)?.$cstNode;
        const first = step.routes[0]?.$cstNode;
        const edit = last ? insertLinesAfter(context.document, last, lines) : first ? insertLinesBefore(context.document, first, lines) : appendToBlock(context.document, step, lines);
        return fixWith(context, `Send ${joinList(missingFallbacks(step))} items to ${target.name}`, [edit]);
    },
    'fallback/never-skip': (context) => {
        const step = enclosing(context, isAiStep);
        const target = step && manualFallbackOf(step);
        if (!step || !target) return undefined;
        const node = context.node;
        if (isTimeoutAction(node) && node.$cstNode) {
            return fixWith(context, `Send the item to ${target.name} instead`, [{ range: node.$cstNode.range, newText: `-> ${target.name}` }]);
        }
        const route = isEventRoute(node) ? node : undefined;
        const reference = route && GrammarUtils.findNodeForProperty(route.$cstNode, 'target');
        return reference && fixWith(context, `Send the item to ${target.name} instead`, [{ range: reference.range, newText: target.name }]);
    },
    'fallback/confidence-threshold': (context) => {
        const step = enclosing(context, isAiStep);
        if (!step || step.threshold) return undefined;
        return fixWith(context, "Add 'confidence threshold 0.8'", [insertBeforeBody(context.document, step, ['confidence threshold 0.8'])]);
    },
    'fallback/queue-owner-timeout': (context) => {
        const queue = enclosing(context, isManualQueue);
        if (!queue) return undefined;
        const owner = humanOwnerOf(enclosing(context, isWorkflow));
        if (!queue.owner && !owner) return undefined;
        const lines = [queue.owner ? undefined : `owner ${owner}`, queue.timeout ? undefined : 'timeout 1d'].filter((line): line is string => line !== undefined);
        if (lines.length === 0) return undefined;
        return fixWith(context, `Add ${lines.map((line) => `'${line}'`).join(' and ')}`, [insertBeforeBody(context.document, queue, lines)]);
    },
    'flow/outcome-without-result': (context) => {
        const outcome = enclosing(context, isOutcome);
        const cst = outcome?.$cstNode;
        if (!outcome || !cst || outcome.result !== undefined) return undefined;
        const line = `result "${outcome.title ?? sentence(outcome.name)}"`;
        const hasBlock = GrammarUtils.findNodeForKeyword(cst, '{') !== undefined;
        if (hasBlock) return fixWith(context, `Add '${line}'`, [appendToBlock(context.document, outcome, [line])]);
        const text = context.document.textDocument.getText();
        const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', cst.offset - 1) + 1))![0];
        return fixWith(context, `Add '${line}'`, [insertAfter(cst, ` {\n${indent}    ${line}\n${indent}}`)]);
    },
};

/**
 * Where failed AI output goes for manual handling: a gate or queue the step's fallbacks
 * already use, else the workflow's first manual queue, else a gate after the step.
 */
function manualFallbackOf(step: AiStep): Step | undefined {
    for (const route of fallbackRoutesOf(step)) {
        const target = route.target?.ref;
        if (target && isHumanStep(target)) return target;
    }
    const workflow = workflowOf(step);
    if (!workflow) return undefined;
    const queue = workflow.steps.find((s) => isManualQueue(s) && isHumanParty(s.owner?.ref));
    if (queue) return queue;
    const reachable = reachableFrom(flowGraphOf(workflow), step);
    return workflow.steps.find((s) => isGate(s) && reachable.has(s));
}

/** `RefundRefused` → `refund refused` */
function sentence(name: string): string {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/_/g, ' ')
        .toLowerCase();
}

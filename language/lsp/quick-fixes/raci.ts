import { GrammarUtils } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { isAiActor, isAiStep, isDecision, isGate, isManualQueue, isOutcome, isRaci, isStep, isWorkflow, type Step } from '../../generated/ast.js';
import { humanOwnerOf, insertBeforeBody } from './oversight.js';
import { appendToBlock, enclosing, quickFix, type QuickFixContext, type QuickFixes } from './quick-fix.js';

/** Quick fixes for the raci rules, by diagnostic code. */
export const raciFixes: QuickFixes = {
    'raci/accountable': (context) => {
        const step = enclosing(context, isStep);
        const owner = humanOwnerOf(enclosing(context, isWorkflow));
        if (!step || isOutcome(step) || !owner) return undefined;
        const raci = step.raci;
        if (!raci) {
            const responsible = doerOf(step) ?? owner;
            return fixWith(context, `Add a RACI: ${responsible} responsible, ${owner} accountable`, insertBeforeBody(context.document, step, ['raci {', `    responsible ${responsible}`, `    accountable ${owner}`, '}']));
        }
        if (raci.accountable.length === 0) return fixWith(context, `Make ${owner} accountable`, appendToBlock(context.document, raci, [`accountable ${owner}`]));
        // An AI actor named accountable: the workflow's owner takes its place.
        const index = raci.accountable.findIndex((party) => isAiActor(party.ref));
        const cst = index >= 0 ? GrammarUtils.findNodesForProperty(raci.$cstNode, 'accountable')[index] : undefined;
        if (!cst || raci.accountable.length > 1) return undefined;
        return fixWith(context, `Make ${owner} accountable instead`, { range: cst.range, newText: owner });
    },
    'raci/responsible': (context) => {
        const raci = enclosing(context, isRaci);
        const step = raci?.$container as Step | undefined;
        const responsible = (step && doerOf(step)) ?? humanOwnerOf(enclosing(context, isWorkflow));
        if (!raci || !responsible) return undefined;
        return fixWith(context, `Make ${responsible} responsible`, appendToBlock(context.document, raci, [`responsible ${responsible}`]));
    },
    'raci/final-veto': (context) => {
        const decision = enclosing(context, isDecision);
        const owner = humanOwnerOf(enclosing(context, isWorkflow));
        if (!decision || !owner) return undefined;
        if (!decision.veto) return fixWith(context, `Give ${owner} the final veto`, insertBeforeBody(context.document, decision, [`veto ${owner}`]));
        const cst = GrammarUtils.findNodeForProperty(decision.$cstNode, 'veto');
        return cst && fixWith(context, `Give ${owner} the final veto instead`, { range: cst.range, newText: owner });
    },
};

/** Who does the work of a step, as written: a gate's reviewer, a queue's owner, an AI step's actor, a decision's decider. */
function doerOf(step: Step): string | undefined {
    if (isGate(step)) return step.reviewers[0]?.$refText;
    if (isManualQueue(step)) return step.owner?.$refText;
    if (isAiStep(step)) return step.actor?.$refText;
    if (isDecision(step)) return step.decidedBy?.$refText;
    return undefined;
}

function fixWith(context: QuickFixContext, title: string, edit: TextEdit | undefined) {
    return edit ? quickFix(context, title, [edit]) : undefined;
}

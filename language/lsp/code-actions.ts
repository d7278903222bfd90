import { CstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeActionParams } from 'vscode-languageserver-protocol';
import type { CodeAction, Command } from 'vscode-languageserver-types';
import type { HitlServices } from '../hitl-module.js';
import { governingRuleAt } from '../analysis/governed-values.js';
import { quickFixes, valueQuickFixes } from './quick-fixes/index.js';

/** Offers the quick fix registered for each diagnostic code in the request. */
export class HitlCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: HitlServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        const root = document.parseResult.value;
        for (const diagnostic of params.context.diagnostics) {
            // Codes come from the client: `constructor` or `toString` must not find what every object inherits.
            if (typeof diagnostic.code !== 'string' || !root.$cstNode) continue;
            const offset = document.textDocument.offsetAt(diagnostic.range.start);
            const leaf = CstUtils.findLeafNodeAtOffset(root.$cstNode, offset);
            // A finding on a value its rule judges (a zero SLA) is fixed by rewriting that value;
            // the fixes for the rule's other findings (add an SLA, add a channel) do not apply.
            const fixes = leaf && governingRuleAt(leaf) === diagnostic.code ? valueQuickFixes : quickFixes;
            const fix = Object.hasOwn(fixes, diagnostic.code) ? fixes[diagnostic.code] : undefined;
            if (!fix) continue;
            const node = leaf?.astNode ?? root;
            try {
                const action = fix({ document, diagnostic, node, services: this.services });
                if (action) actions.push(...(Array.isArray(action) ? action : [action]));
            } catch {
                // A fix that cannot apply to an unusual shape of text is simply not offered.
            }
        }
        return actions;
    }
}

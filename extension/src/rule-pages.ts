import * as vscode from 'vscode';
import { exists } from './files.js';

/** The command the language server's rule links run (initializationOptions.rulePageCommand). */
export const RULE_PAGE_COMMAND = 'hitl.showRule';

/** A rule code as the catalogue writes them (`area/rule-name`); nothing else reaches the file system. */
const RULE_CODE = /^[a-z]+\/[a-z0-9-]+$/;

/**
 * Opens a rule's page in the Markdown preview: the pages ship in the extension (dist/docs/,
 * copied from docs/ at build time), so they read offline, and their links to the requirements
 * open in the preview too. A diagnostic's code and the hover card link here through `command:`
 * links, which VS Code follows from the Problems panel and the hovers.
 */
export function registerRulePages(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.commands.registerCommand(RULE_PAGE_COMMAND, async (code?: unknown) => {
            const page = typeof code === 'string' && RULE_CODE.test(code) ? vscode.Uri.joinPath(context.extensionUri, 'dist', 'docs', 'rules', `${code}.md`) : undefined;
            if (!page || !(await exists(page))) {
                void vscode.window.showErrorMessage(`hitl: no rule page for '${String(code)}'.`);
                return undefined;
            }
            await vscode.commands.executeCommand('markdown.showPreview', page);
            return page;
        }),
    );
}

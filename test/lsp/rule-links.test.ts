import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ruleCard } from '../../language/documentation/rule-docs.js';
import { explainRule } from '../../language/documentation/explain.js';
import { rulePageUrl } from '../../language/documentation/rule-links.js';
import { rulePagesOf } from '../../language/lsp/language-server.js';
import { createHitlServices } from '../../language/lsp/lsp-module.js';

const ZERO_SLA = 'workflow W {\n    gate Review {\n        sla 0h\n        on approve -> Done\n    }\n    outcome Done\n}';

async function diagnosticsOf(initializationOptions: unknown) {
    const services = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
    rulePagesOf(services.shared).configure(initializationOptions);
    const document = await parseHelper(services.Hitl)(ZERO_SLA, { documentUri: 'file:///ws/w.hitl', validation: true });
    const found = document.diagnostics!.find((d) => d.code === 'escalation/timeout-required')!;
    const hover = await services.Hitl.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: found.range.start });
    return { diagnostic: found, hover: (hover?.contents as { value: string }).value };
}

describe('rule links', () => {
    test("a diagnostic's code links to the rule's published page, which is the page in docs/rules", async () => {
        const { diagnostic } = await diagnosticsOf(undefined);
        expect(diagnostic.codeDescription?.href).toBe('https://github.com/hitl-dev/hitl/blob/main/docs/rules/escalation/timeout-required.md');
        expect(existsSync(path.join('docs', 'rules', 'escalation', 'timeout-required.md'))).toBe(true);
    });

    test('a client that opens the pages itself gets command links, in the diagnostic and in the hover', async () => {
        const { diagnostic, hover } = await diagnosticsOf({ rulePageCommand: 'hitl.showRule' });
        const href = diagnostic.codeDescription!.href;
        expect(href.startsWith('command:hitl.showRule?')).toBe(true);
        expect(JSON.parse(decodeURIComponent(href.slice('command:hitl.showRule?'.length)))).toEqual(['escalation/timeout-required']);
        expect(hover).toContain(`[Read the full page of escalation/timeout-required](${href})`);
    });

    test('a command name that is not one is ignored: the links stay on the published pages', async () => {
        const { diagnostic } = await diagnosticsOf({ rulePageCommand: 'x) [evil](http://example.org' });
        expect(diagnostic.codeDescription?.href).toBe(rulePageUrl('escalation/timeout-required'));
    });

    test('the hover card no longer names the CLI, while `hitl explain` prints the page as before', () => {
        expect(ruleCard('flow/dead-end')).not.toContain('hitl explain');
        expect(explainRule('flow/dead-end')).toMatch(/^# flow\/dead-end\n/);
    });
});

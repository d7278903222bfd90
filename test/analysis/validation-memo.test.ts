import { describe, expect, it } from 'vitest';
import type { AstNode } from 'langium';
import { endValidation, keptWhileValidating, startValidation } from '../../language/analysis/validation-memo.js';
import { buildDocument } from '../services.js';

describe('analyses kept while a document is validated', () => {
    it('answer once per node while the document is validated, and afresh before and after', async () => {
        const document = await buildDocument('channel Pager {\n    kind pager\n    address "pagerduty://on-call"\n}\n');
        const root = document.parseResult.value;
        const [child] = root.elements;
        expect(child).toBeDefined();
        let calls = 0;
        const count = keptWhileValidating((node: AstNode) => ({ node, call: ++calls }));
        expect(count(child).call).toBe(1);
        expect(count(child).call).toBe(2);
        startValidation(root);
        const kept = count(child);
        expect(count(child)).toBe(kept);
        expect(count(root)).not.toBe(kept);
        endValidation(root);
        expect(count(child)).not.toBe(kept);
    });
});

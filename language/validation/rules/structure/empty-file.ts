import { AstUtils } from 'langium';
import { defineRule } from '../../rule.js';

/** An empty or comment-only file is usually a mistake: a save gone wrong, or a stub never filled. */
export const filesShouldDeclareSomething = defineRule({
    code: 'structure/empty-file',
    title: 'A file declares something',
    severity: 'warning',
    requirements: [],
    checks: {
        HitlFile: (file, report) => {
            // A file the parser could not read is not "empty": its syntax errors say what is wrong.
            const { lexerErrors, parserErrors } = AstUtils.getDocument(file).parseResult;
            if (lexerErrors.length > 0 || parserErrors.length > 0) return;
            if (file.elements.length === 0 && file.suppressions.length === 0) {
                report({ node: file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'This file declares nothing; add a workflow or shared declarations, or delete it.' });
            }
        },
    },
});

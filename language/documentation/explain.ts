import { ruleDoc } from './rule-docs.js';
import { citationLines } from '../governance/citations.js';
import { findRule, ruleCatalogue } from '../validation/registry.js';
import { changeCatalogue, findChangeKind } from '../diff/kinds.js';

/** `hitl explain CODE`: the page of a rule or of a change kind `hitl diff` reports, or undefined for an unknown code. */
export function explainRule(code: string): string | undefined {
    const rule = findRule(code) ?? findChangeKind(code);
    if (!rule) return undefined;
    const doc = ruleDoc(code) ?? `# ${code}\n\n${rule.title}\n`;
    const requirements = rule.requirements.length > 0 ? [`Requirements: ${rule.requirements.join(', ')} (docs/requirements.md)`, ...citationLines(rule.requirements)] : [];
    const facts = [`Severity: ${rule.severity}`, ...requirements].join('\n');
    return `${doc.trimEnd()}\n\n---\n${facts}\n`;
}

/** Codes that look like the unknown one, to suggest in the error message. */
export function similarCodes(code: string): string[] {
    const name = code.split('/').pop() ?? code;
    return [...ruleCatalogue, ...changeCatalogue].map((rule) => rule.code).filter((candidate) => candidate.includes(name) || name.includes(candidate.split('/').pop()!)).slice(0, 5);
}

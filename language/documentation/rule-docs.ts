import { ruleDocs } from './generated/rule-docs.js';
import { citationLines } from '../governance/citations.js';
import { findRule } from '../validation/registry.js';
import { rulePageUrl } from './rule-links.js';

/** A rule's documentation page (Markdown), as written in docs/rules/<area>/<name>.md. */
export function ruleDoc(code: string): string | undefined {
    // Codes are user text (`hitl explain constructor`): only the pages themselves count.
    return Object.hasOwn(ruleDocs, code) ? ruleDocs[code] : undefined;
}

/** The part of a rule's page before its first `##` section: what the rule says, in short. */
export function ruleSummary(code: string): string | undefined {
    const doc = ruleDoc(code);
    if (!doc) return undefined;
    const body = doc.replace(/^# .*\n/, '');
    const cut = body.search(/^## /m);
    return (cut >= 0 ? body.slice(0, cut) : body).trim();
}

/**
 * A short Markdown card for the editor's hover: code, title, requirement ids, summary, what each
 * requirement cites, and a link to the full page (the published one unless the editor gives its own).
 */
export function ruleCard(code: string, pageLink: string | undefined = ruleDoc(code) === undefined ? undefined : rulePageUrl(code)): string | undefined {
    const rule = findRule(code);
    if (!rule) return undefined;
    const requirements = rule.requirements.length > 0 ? ` · ${rule.requirements.join(', ')}` : '';
    const cites = citationLines(rule.requirements).map((line) => `\n\n*Requirement* ${line}`).join('');
    const summary = ruleSummary(code);
    return `**${code}** — ${rule.title} (${rule.severity}${requirements})${summary ? `\n\n${summary}` : ''}${cites}${pageLink ? `\n\n[Read the full page of ${code}](${pageLink})` : ''}`;
}

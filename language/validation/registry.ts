import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { HitlAstType } from '../generated/ast.js';
import type { HitlCoreServices } from '../hitl-module.js';
import { builtInRules } from './built-in-rules.js';
import { reporterFor, type HitlRule, type Report, type RuleMeta } from './rule.js';
import { hasSyntaxErrors, mayBeIncomplete } from './syntax-health.js';
import { changeRules } from './rules/change/index.js';
import { oversightRules } from './rules/oversight/index.js';
import { raciRules } from './rules/raci/index.js';
import { riskRules } from './rules/risk/index.js';
import { escalationRules } from './rules/escalation/index.js';
import { fallbackRules } from './rules/fallback/index.js';
import { auditRules } from './rules/audit/index.js';
import { dataRules } from './rules/data/index.js';
import { rightsRules } from './rules/rights/index.js';
import { securityRules } from './rules/security/index.js';
import { reportUnusedSuppressions } from '../analysis/suppressions.js';
import { suppressionsMustBeUsed } from './rules/change/suppression-unused.js';
import { resetUsage, suppressionFor as findSuppression } from './suppressions.js';
import { flowRules } from './rules/flow/index.js';
import { structureRules } from './rules/structure/index.js';
import { valueRules } from './rules/values/index.js';

/** Every rule with checks, in catalogue order. Adding a rule means adding it to its area's index. */
export const hitlRules: readonly HitlRule[] = [
    ...structureRules,
    ...valueRules,
    ...flowRules,
    ...oversightRules,
    ...raciRules,
    ...riskRules,
    ...escalationRules,
    ...fallbackRules,
    ...auditRules,
    ...dataRules,
    ...rightsRules,
    ...securityRules,
    ...changeRules,
];

/** The union of what the rules read across files (see `CrossFileReads`). */
export function crossFileReads(): { readonly sameNames: boolean; readonly referrersOf: ReadonlySet<string> } {
    return {
        sameNames: hitlRules.some((rule) => rule.crossFile?.sameNames),
        referrersOf: new Set(hitlRules.flatMap((rule) => rule.crossFile?.referrersOf ?? [])),
    };
}

/** The whole catalogue: checked rules and the diagnostics the parser and linker produce. */
export const ruleCatalogue: readonly RuleMeta[] = [...builtInRules, ...hitlRules, suppressionsMustBeUsed];

export function findRule(code: string): RuleMeta | undefined {
    return ruleCatalogue.find((rule) => rule.code === code);
}

/**
 * Registers every rule's checks with Langium. Each check reports with the severity the
 * workspace settings give its rule (and is skipped when the rule is off), and its findings
 * pass through the suppressions written next to the elements.
 */
export function registerHitlRules(services: HitlCoreServices): void {
    const { RuleSettings, Clock } = services.governance;
    const suppressionFor = (node: AstNode, code: string) => findSuppression(node, code, Clock.today());
    const checks = new Map<string, Array<(node: AstNode, accept: ValidationAcceptor) => void>>();
    for (const rule of hitlRules) {
        const ruleChecks = typeof rule.checks === 'function' ? rule.checks(services) : rule.checks;
        for (const [type, check] of Object.entries(ruleChecks)) {
            const list = checks.get(type) ?? [];
            const typed = check as (node: AstNode, report: ReturnType<typeof reporterFor>) => void;
            list.push((node, accept) => {
                const severity = RuleSettings.severityOf(rule);
                if (severity !== 'off') typed(node, heldBackWhereIncomplete(rule, reporterFor(rule, accept, { severity, suppressionFor })));
            });
            checks.set(type, list);
        }
    }
    const registry = services.validation.ValidationRegistry;
    registry.register(Object.fromEntries(checks) as ValidationChecks<HitlAstType>);
    registry.registerBeforeDocument((root) => resetUsage(root));
    registry.registerAfterDocument((root, accept) => {
        const rule = suppressionsMustBeUsed;
        const severity = RuleSettings.severityOf(rule);
        // Rules held back by a syntax error never got to use their suppressions.
        if (severity !== 'off' && !hasSyntaxErrors(AstUtils.getDocument(root))) reportUnusedSuppressions(root, reporterFor(rule, accept, { severity, suppressionFor: () => undefined }), Clock.today());
    });
}

/**
 * Drops the findings of a rule about what is missing when the element, or an element the
 * finding points to, was read from text with a syntax error: the syntax error is the one
 * thing to fix, and "no stop control" after a half-typed line would be false.
 */
function heldBackWhereIncomplete(rule: RuleMeta, report: Report): Report {
    if (rule.evidence === 'presence') return report;
    return (finding) => {
        if (finding.evidence === 'presence') return report(finding);
        if (mayBeIncomplete(finding.node) || finding.related?.some((related) => mayBeIncomplete(related.node))) return;
        report(finding);
    };
}

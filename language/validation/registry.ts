import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import type { HitlAstType } from '../generated/ast.js';
import type { HitlServices } from '../hitl-module.js';
import { builtInRules } from './built-in-rules.js';
import { reporterFor, type HitlRule, type RuleMeta } from './rule.js';
import { flowRules } from './rules/flow/index.js';
import { structureRules } from './rules/structure/index.js';
import { valueRules } from './rules/values/index.js';

/** Every rule with checks, in catalogue order. Adding a rule means adding it to its area's index. */
export const hitlRules: readonly HitlRule[] = [...structureRules, ...valueRules, ...flowRules];

/** The whole catalogue: checked rules and the diagnostics the parser and linker produce. */
export const ruleCatalogue: readonly RuleMeta[] = [...builtInRules, ...hitlRules];

export function findRule(code: string): RuleMeta | undefined {
    return ruleCatalogue.find((rule) => rule.code === code);
}

export function registerHitlRules(services: HitlServices): void {
    const checks = new Map<string, Array<(node: AstNode, accept: ValidationAcceptor) => void>>();
    for (const rule of hitlRules) {
        const ruleChecks = typeof rule.checks === 'function' ? rule.checks(services) : rule.checks;
        for (const [type, check] of Object.entries(ruleChecks)) {
            const list = checks.get(type) ?? [];
            const typed = check as (node: AstNode, report: ReturnType<typeof reporterFor>) => void;
            list.push((node, accept) => typed(node, reporterFor(rule, accept)));
            checks.set(type, list);
        }
    }
    services.validation.ValidationRegistry.register(Object.fromEntries(checks) as ValidationChecks<HitlAstType>);
}

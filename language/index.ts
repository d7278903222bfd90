export * from './hitl-module.js';
export * from './generated/ast.js';
export { ruleCatalogue, hitlRules, findRule } from './validation/registry.js';
export type { RuleMeta, Severity } from './validation/rule.js';

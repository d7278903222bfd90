import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the risk rules, by diagnostic code. */
export const riskFixes: QuickFixes = {};

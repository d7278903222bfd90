import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the raci rules, by diagnostic code. */
export const raciFixes: QuickFixes = {};

import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the rights rules, by diagnostic code. */
export const rightsFixes: QuickFixes = {};

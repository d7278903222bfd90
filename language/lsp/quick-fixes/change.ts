import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the change rules, by diagnostic code. */
export const changeFixes: QuickFixes = {};

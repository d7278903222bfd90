import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the data rules, by diagnostic code. */
export const dataFixes: QuickFixes = {};

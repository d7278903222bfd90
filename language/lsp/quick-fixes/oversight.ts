import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the oversight rules, by diagnostic code. */
export const oversightFixes: QuickFixes = {};

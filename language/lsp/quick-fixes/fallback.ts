import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the fallback rules, by diagnostic code. */
export const fallbackFixes: QuickFixes = {};

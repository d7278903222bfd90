import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the audit rules, by diagnostic code. */
export const auditFixes: QuickFixes = {};

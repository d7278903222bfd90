import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the escalation rules, by diagnostic code. */
export const escalationFixes: QuickFixes = {};

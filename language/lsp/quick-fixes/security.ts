import type { QuickFixes } from './quick-fix.js';

/** Quick fixes for the security rules, by diagnostic code. */
export const securityFixes: QuickFixes = {};

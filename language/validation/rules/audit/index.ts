import type { HitlRule } from '../../rule.js';
import { auditMustRecordRequiredFields, auditMustRecordReviewer } from './audit-records.js';
import { modelVersionsMustBePinned } from './pinned-versions.js';
import { auditMustBeRetained } from './retention.js';

export const auditRules: readonly HitlRule[] = [auditMustRecordRequiredFields, auditMustRecordReviewer, auditMustBeRetained, modelVersionsMustBePinned];

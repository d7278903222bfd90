import type { HitlRule } from '../../rule.js';
import { auditMustRecordRequiredFields } from './record-fields.js';
import { auditMustRecordReviewer } from './reviewer-identity.js';
import { modelVersionsMustBePinned } from './pinned-versions.js';
import { auditMustBeRetained } from './retention.js';

export const auditRules: readonly HitlRule[] = [auditMustRecordRequiredFields, auditMustRecordReviewer, auditMustBeRetained, modelVersionsMustBePinned];

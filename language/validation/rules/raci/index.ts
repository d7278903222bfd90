import type { HitlRule } from '../../rule.js';
import { stepsMustHaveAResponsible } from './responsible.js';
import { stepsMustHaveOneAccountable } from './accountable.js';
import { workflowsMustHaveAcceptanceMetrics } from './acceptance-metrics.js';
import { workflowsMustNameABusinessOwner } from './business-owner.js';
import { decisionsMustNameAVetoHolder } from './final-veto.js';
import { vetoHoldersMustSitOnEveryPath } from './veto-on-every-path.js';
import { informedPartiesShouldBeReachable } from './informed-reachable.js';

export const raciRules: readonly HitlRule[] = [
    stepsMustHaveOneAccountable,
    stepsMustHaveAResponsible,
    decisionsMustNameAVetoHolder,
    vetoHoldersMustSitOnEveryPath,
    informedPartiesShouldBeReachable,
    workflowsMustNameABusinessOwner,
    workflowsMustHaveAcceptanceMetrics,
];

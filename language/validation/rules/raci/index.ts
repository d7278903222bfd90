import type { HitlRule } from '../../rule.js';
import { stepsMustHaveAResponsible, stepsMustHaveOneAccountable } from './accountable.js';
import { workflowsMustHaveAcceptanceMetrics, workflowsMustNameABusinessOwner } from './business-owner.js';
import { decisionsMustNameAVetoHolder, vetoHoldersMustSitOnEveryPath } from './final-veto.js';
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

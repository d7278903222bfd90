import type { HitlRule } from '../../rule.js';
import { biasMustBeSampled } from './bias-sampling.js';
import { datasetsMustBeDeclared } from './dataset-declared.js';
import { driftMustBeMonitored } from './drift-monitoring.js';
import { feedbackMustLoopBack } from './feedback-loops.js';
import { incidentsMustHaveARoute } from './incident-route.js';

export const dataRules: readonly HitlRule[] = [datasetsMustBeDeclared, driftMustBeMonitored, feedbackMustLoopBack, biasMustBeSampled, incidentsMustHaveARoute];

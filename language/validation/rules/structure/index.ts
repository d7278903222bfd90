import type { HitlRule } from '../../rule.js';
import { filesShouldDeclareSomething } from './files-should-declare-something.js';
import { namesMustBeUnique } from './names-must-be-unique.js';
import { propertiesMustNotRepeat } from './properties-must-not-repeat.js';

export const structureRules: readonly HitlRule[] = [namesMustBeUnique, propertiesMustNotRepeat, filesShouldDeclareSomething];

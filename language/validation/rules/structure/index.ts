import type { HitlRule } from '../../rule.js';
import { filesShouldDeclareSomething } from './empty-file.js';
import { namesMustBeUnique } from './duplicate-name.js';
import { propertiesMustNotRepeat } from './duplicate-property.js';

export const structureRules: readonly HitlRule[] = [namesMustBeUnique, propertiesMustNotRepeat, filesShouldDeclareSomething];

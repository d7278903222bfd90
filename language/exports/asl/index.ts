/** The AWS Step Functions export: a pure function of the compiled model. */
export { exportAsl, type AslExportConfig } from './export-asl.js';
export type { AslDefinition, AslState } from './definition.js';
export { AI_FAILURE_ERRORS, ENDING_ERRORS, endingOfError } from './errors.js';
export { placeholdersOf } from './placeholders.js';
export { jsonText as aslJson } from '../../generators/deployment.js';

/** The compiled model of governed workflows: its schema, types and the helpers that read it. */
export * from './schema.js';
export * from './vocabulary.js';
export * from './paths.js';
export { modelJsonSchema, MODEL_SCHEMA_ID, SCHEMA_BASE_URI, toJsonSchema } from './json-schema.js';
export * from './parties.js';
export { lookup, pick, type Lookup } from './lookup.js';

/** Generators: pure functions from the compiled model to deployable data. */
export { generateDeployment, jsonText, RUNTIME_SCHEMA_FILE, type DeploymentFile, type DeploymentFormat, type DeploymentOptions } from './deployment.js';
export { RuntimeConfiguration, runtimeConfiguration, runtimeJsonSchema, RUNTIME_KIND, RUNTIME_SCHEMA_ID } from './runtime-config.js';
export { AUDIT_EVENTS, auditSchema, auditSchemaId, cloudEventType, QUEUE_ACTIONS, type AuditEvent, type JsonSchema } from './audit-schema.js';

import { z } from 'zod';
import { HitlModel, hitlSchemas } from './schema.js';

/** Where hitl's schemas are identified; `$id`s are names, not necessarily fetchable addresses. */
export const SCHEMA_BASE_URI = 'https://hitl.dev/schemas/v1/';

export const MODEL_SCHEMA_ID = `${SCHEMA_BASE_URI}model.schema.json`;

/** A zod schema as JSON Schema 2020-12 with the given `$id`, `$schema` first. */
export function toJsonSchema(schema: z.ZodType, id: string): Record<string, unknown> {
    const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw', io: 'output', metadata: hitlSchemas }) as Record<string, unknown>;
    return { $schema, $id: id, ...rest };
}

/** The model's JSON Schema (2020-12), generated from its zod schema. */
export function modelJsonSchema(): Record<string, unknown> {
    return toJsonSchema(HitlModel, MODEL_SCHEMA_ID);
}

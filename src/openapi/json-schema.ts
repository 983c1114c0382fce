import type { StandardSchemaV1 } from '../core/standard-schema.js';
import type { JsonSchema, JsonSchemaConverter } from './openapi-types.js';

/** Standard JSON Schema (standardschema.dev/json-schema): a validator's own export. */
interface StandardJsonSchemaProps {
  jsonSchema?: {
    input?: (options: { target: string }) => unknown;
    output?: (options: { target: string }) => unknown;
  };
}

/**
 * The JSON Schema of one endpoint schema: the app's converter first, then the validator's own
 * Standard JSON Schema export; without either, `{}` (any value) with a description saying so.
 * A converter that throws is a failure naming the endpoint: a document that silently described
 * a body as "anything" would mislead every client generated from it.
 */
export function toJsonSchema(
  schema: StandardSchemaV1,
  converter: JsonSchemaConverter | undefined,
  where: string,
): JsonSchema {
  try {
    const given = converter?.(schema, 'input');
    if (given !== undefined) return tidy(given);
    const own = (schema['~standard'] as StandardJsonSchemaProps).jsonSchema?.input;
    if (typeof own === 'function') return tidy(own({ target: 'draft-2020-12' }) as JsonSchema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`OpenAPI: the ${where} cannot be turned into JSON Schema: ${reason}`, {
      cause: error,
    });
  }
  const vendor = schema['~standard'].vendor;
  return {
    description: `Validated by ${vendor}, which exports no JSON Schema: give the openapi.toJsonSchema option to describe it.`,
  };
}

/** A copy without `$schema`: OpenAPI 3.1 documents declare their dialect once. */
function tidy(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/** The properties of an object schema, and which are required (undefined: not an object). */
export function objectProperties(
  schema: JsonSchema,
): { properties: Record<string, JsonSchema>; required: Set<string> } | undefined {
  if (typeof schema !== 'object' || typeof schema.properties !== 'object') return undefined;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return {
    properties: schema.properties as Record<string, JsonSchema>,
    required: new Set(required),
  };
}

/**
 * How both services describe their REST API: OpenAPI 3.1 from the controller tree
 * (docs/typed-apis.md), served at /openapi.json with a documentation page at /docs. Their
 * schemas are zod's, whose JSON Schema export pecan does not know: this converter gives it.
 */
import { z } from 'zod';
import type { JsonSchemaConverter, OpenApiOptions } from 'pecan';

export const zodJsonSchema: JsonSchemaConverter = (schema, io) =>
  schema['~standard'].vendor === 'zod'
    ? (z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: 'any' }) as Record<
        string,
        unknown
      >)
    : undefined;

/** The `openapi` option of a service's app. */
export function serviceOpenApi(title: string, description: string): OpenApiOptions {
  return {
    title,
    version: '1.0.0',
    description,
    toJsonSchema: zodJsonSchema,
    // The web pages share the controller tree; the document is the REST API's.
    include: ['/v1'],
    serve: true,
  };
}

/**
 * GET /v1/ of either service: its resources, then (RFC 8631) where the API's description and
 * its documentation page are served.
 */
export function apiIndex(links: { rel: string; href: string }[]) {
  return {
    version: 'v1',
    links: [
      ...links,
      { rel: 'service-desc', href: '/openapi.json' },
      { rel: 'service-doc', href: '/docs' },
    ],
  };
}

import type { StandardSchemaV1 } from '../core/standard-schema.js';

/** `info` when the options give no title or version. */
export const DEFAULT_INFO = { title: 'Pecan application', version: '0.0.0' } as const;

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), as a plain JSON value. */
export type JsonSchema = { [key: string]: unknown } | boolean;

/**
 * Turns one endpoint schema into JSON Schema, for validators that do not export it through
 * Standard JSON Schema (`~standard.jsonSchema`): for zod 4,
 * `(schema, io) => z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: 'any' })`.
 * `io` is `'input'`: what a client sends, and what a controller returns before it is rendered.
 * Return `undefined` to let pecan try the schema's own export.
 */
export type JsonSchemaConverter = (
  schema: StandardSchemaV1,
  io: 'input' | 'output',
) => JsonSchema | undefined;

/** `makeApp(root, { openapi })`, the `app.openapi` config key, and `buildOpenApi`'s options. */
export interface OpenApiOptions {
  /** `info.title` (default `'Pecan application'`). */
  title?: string;
  /** `info.version`: the version of the API (default `'0.0.0'`). */
  version?: string;
  /** `info.description` (CommonMark). */
  description?: string;
  /** Where the API is served (default: the app's `basePath`, when it has one). */
  servers?: { url: string; description?: string }[];
  /** How schemas become JSON Schema (see `JsonSchemaConverter`). */
  toJsonSchema?: JsonSchemaConverter;
  /**
   * Document only the paths below these prefixes, e.g. `['/v1']` for a service whose web pages
   * share its tree with its REST API (default: every path).
   */
  include?: string[];
  /** `components.securitySchemes`, e.g. `{ token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' } }`. */
  securitySchemes?: Record<string, Record<string, unknown>>;
  /**
   * The security requirement of every operation a security check guards (§6.1: `secure()`,
   * `SecureController`). Default: any one of `securitySchemes`.
   */
  security?: Record<string, string[]>[];
  /** Serve the document and a documentation page (off by default). */
  serve?: boolean;
  /** Where the document is served (default `/openapi.json`, below `basePath`). */
  jsonPath?: string;
  /** Where the documentation page is served (default `/docs`, below `basePath`). */
  docsPath?: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema?: JsonSchema;
}

export type OpenApiContent = Record<string, OpenApiMediaType>;

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema }>;
  content?: OpenApiContent;
}

export type OpenApiResponses = Record<string, OpenApiResponse | { $ref: string }>;

export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated?: boolean;
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: OpenApiContent };
  responses: OpenApiResponses;
  security?: Record<string, string[]>[];
  /** The function that answers, e.g. `BooksController.getOne`. */
  'x-pecan-handler': string;
}

export const OPERATION_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

export type OperationMethod = (typeof OPERATION_METHODS)[number];

export type OpenApiPathItem = Partial<Record<OperationMethod, OpenApiOperation>>;

/** A route pecan answers but OpenAPI cannot describe (`_lookup`, `_default`, `_route`). */
export interface UnlistedRoute {
  path: string;
  handler: string;
  kind: string;
}

/** The OpenAPI 3.1 document of an app. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  tags?: { name: string }[];
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    securitySchemes?: Record<string, Record<string, unknown>>;
  };
  /** Routes resolved at request time, which no path can describe (docs/typed-apis.md). */
  'x-pecan-unlisted'?: UnlistedRoute[];
}

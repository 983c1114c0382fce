/**
 * The error responses of every pecan app, as OpenAPI components. Their examples are rendered
 * by the code that renders real errors (core/error-body.ts), so the document shows the bodies
 * clients get: JSON `{code, title, description}` when they prefer JSON, plain text without an
 * Accept header or with `*\/*`, HTML when they prefer it (DESIGN §4, §5.14).
 */
import { renderErrorBody, type ErrorLike, type ErrorRequestInfo } from '../core/error-body.js';
import { statusReason } from '../core/status.js';
import type { FieldError } from '../core/standard-schema.js';
import type { JsonSchema, OpenApiContent, OpenApiResponse } from './openapi-types.js';

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: "Pecan's error body, for a client that prefers JSON.",
  properties: {
    code: { type: 'integer', description: 'The HTTP status.' },
    title: { type: 'string', description: 'The reason phrase, e.g. `Not Found`.' },
    description: {
      type: ['string', 'null'],
      description: 'The detail given to `abort()`, or null (a routing 404 has none).',
    },
  },
  required: ['code', 'title', 'description'],
};

const FIELD_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    location: { enum: ['path', 'query', 'body'] },
    path: {
      type: 'array',
      items: { type: ['string', 'integer'] },
      description: "The field's keys and indexes inside its location (empty: the whole value).",
    },
    message: { type: 'string', description: "The validator's message." },
  },
  required: ['location', 'path', 'message'],
};

const VALIDATION_ERROR_SCHEMA: JsonSchema = {
  allOf: [
    { $ref: '#/components/schemas/Error' },
    {
      type: 'object',
      properties: {
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      },
      required: ['errors'],
    },
  ],
};

export const ERROR_SCHEMAS: Record<string, JsonSchema> = {
  Error: ERROR_SCHEMA,
  FieldError: FIELD_ERROR_SCHEMA,
  ValidationError: VALIDATION_ERROR_SCHEMA,
};

function errorLike(status: number, detail?: string, errors?: FieldError[]): ErrorLike {
  return { status, title: statusReason(status) ?? '', detail, errors };
}

/** The three negotiated bodies of one error, with pecan's real rendering as examples. */
function errorContent(
  error: ErrorLike,
  schema: string,
  request?: ErrorRequestInfo,
): OpenApiContent {
  const example = (format: 'json' | 'text' | 'html') =>
    renderErrorBody(error, format, request).body;
  return {
    'application/json': {
      schema: { $ref: `#/components/schemas/${schema}` },
      example: JSON.parse(example('json')) as unknown,
    },
    'text/plain': { schema: { type: 'string' }, example: example('text') },
    'text/html': { schema: { type: 'string' }, example: example('html') },
  } as OpenApiContent;
}

const SAMPLE_FIELD: FieldError = { location: 'query', path: ['page'], message: 'Expected number' };

export const ERROR_RESPONSES: Record<string, OpenApiResponse> = {
  ValidationFailed: {
    description:
      'The path, query or body failed its schema: every failing field is listed (docs/typed-apis.md).',
    content: errorContent(
      errorLike(400, 'Validation failed: query.page: Expected number', [SAMPLE_FIELD]),
      'ValidationError',
    ),
  },
  BadRequest: {
    description:
      'A required argument is missing, or the body cannot be parsed (DESIGN §5.3, §5.12).',
    content: errorContent(
      errorLike(400, 'Missing argument: "id" (BooksController.getOne)'),
      'Error',
    ),
  },
  Unauthorized: {
    description: 'A security check (secure(), SecureController) denied the request.',
    content: errorContent(errorLike(401), 'Error'),
  },
  NotFound: {
    description: 'Nothing answers this path (or the controller aborted with 404).',
    content: errorContent(errorLike(404), 'Error'),
  },
  MethodNotAllowed: {
    description:
      'Sent for a method a path does not list: the `Allow` header lists those it answers.',
    headers: {
      Allow: { description: 'The methods the path answers.', schema: { type: 'string' } },
    },
    content: errorContent(errorLike(405), 'Error', { method: 'PATCH' }),
  },
};

/**
 * Stage 8b of the request story (docs/typed-apis.md): an endpoint's `path`, `query` and `body`
 * Standard Schemas validate and coerce the request before its arguments are bound. Pecan itself
 * coerces nothing: the path gives strings, the query a string per key (an array of strings for
 * a repeated key), the body its parsed JSON or form fields; the validator turns them into
 * numbers, booleans, arrays and defaults. Failures of all three are collected into one 400.
 */
import { HTTPError } from '../core/errors.js';
import { isJsonType } from '../core/body.js';
import { isPromise } from '../core/is-promise.js';
import { createParams, type Params } from '../core/params.js';
import { nullObject } from '../core/null-object.js';
import type { PecanRequest } from '../core/request.js';
import type {
  EndpointSchema,
  FieldError,
  InputLocation,
  StandardSchemaV1,
  ValidInput,
} from '../core/standard-schema.js';
import type { Signature } from './signature.js';

/** What validation hands to binding: path values in place of the segments, validated params. */
export interface Validated {
  remainder: readonly unknown[];
  params: Params;
}

type Result = StandardSchemaV1.Result<unknown>;
type Outcome = Result | Promise<Result> | undefined;

/**
 * Validates the inputs the endpoint has schemas for. Synchronous validators give a synchronous
 * result (DESIGN §3: no `await` for a synchronous result); an asynchronous one, a promise.
 * Every input is read before any validator runs, so a malformed query or body is its own 400
 * whatever the validators say.
 */
export function validateInput(
  schema: EndpointSchema,
  signature: Signature,
  leading: number,
  remainder: readonly string[],
  request: PecanRequest,
): Validated | Promise<Validated> {
  const pathIn = schema.path !== undefined ? pathInput(signature, leading, remainder) : undefined;
  const queryIn = schema.query !== undefined ? request.query : undefined;
  const bodyIn = schema.body !== undefined ? bodyInput(request) : undefined;
  const path: Outcome = schema.path?.['~standard'].validate(pathIn);
  const query: Outcome = schema.query?.['~standard'].validate(queryIn);
  const body: Outcome = schema.body?.['~standard'].validate(bodyIn);
  if (!isPromise(path) && !isPromise(query) && !isPromise(body)) {
    return conclude(schema, signature, leading, remainder, request, path, query, body);
  }
  return Promise.all([path, query, body]).then(([p, q, b]) =>
    conclude(schema, signature, leading, remainder, request, p, q, b),
  );
}

/** `{ name: segment }` for the parameters the path segments fill (§2.2, positionally). */
function pathInput(
  signature: Signature,
  leading: number,
  remainder: readonly string[],
): Record<string, string> {
  const values = nullObject<Record<string, string>>();
  let index = leading;
  for (const segment of remainder) {
    if (segment === '') continue; // §2.2 step 1: empty segments are never arguments
    const param = signature.params[index++];
    if (param === undefined) break; // surplus segments belong to `...rest`, not to the schema
    values[param.name] = segment;
  }
  return values;
}

/** The body a `body` schema sees: parsed JSON, form fields, or `undefined` without a body. */
function bodyInput(request: PecanRequest): unknown {
  if (request.method === 'GET' || !request.hasBody) return undefined;
  const type = request.contentType;
  if (isJsonType(type)) return request.json;
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    return request.form;
  }
  return undefined;
}

function conclude(
  schema: EndpointSchema,
  signature: Signature,
  leading: number,
  remainder: readonly string[],
  request: PecanRequest,
  path: Result | undefined,
  query: Result | undefined,
  body: Result | undefined,
): Validated {
  if (path?.issues !== undefined || query?.issues !== undefined || body?.issues !== undefined) {
    const errors: FieldError[] = [];
    if (path?.issues !== undefined) collect(errors, 'path', path.issues);
    if (query?.issues !== undefined) collect(errors, 'query', query.issues);
    if (body?.issues !== undefined) collect(errors, 'body', body.issues);
    const detail = errors.map(describe).join('; ');
    throw new HTTPError(400, { detail: `Validation failed: ${detail}`, errors });
  }
  const valid: ValidInput = { path: path?.value, query: query?.value, body: body?.value };
  request.valid = valid;
  return {
    remainder: schema.path ? withPathValues(signature, leading, remainder, valid.path) : remainder,
    params: paramsOf(schema, request, valid.query, valid.body),
  };
}

function collect(errors: FieldError[], location: InputLocation, issues: Result['issues']): void {
  for (const issue of issues ?? []) {
    const path = (issue.path ?? []).map((part) => {
      const key = typeof part === 'object' ? part.key : part;
      return typeof key === 'number' ? key : String(key);
    });
    errors.push({ location, path, message: issue.message });
  }
}

function describe({ location, path, message }: FieldError): string {
  return path.length > 0 ? `${location}.${path.join('.')}: ${message}` : `${location}: ${message}`;
}

/** The remainder with each segment a path parameter took replaced by its validated value. */
function withPathValues(
  signature: Signature,
  leading: number,
  remainder: readonly string[],
  path: unknown,
): readonly unknown[] {
  if (typeof path !== 'object' || path === null) return remainder;
  const values = path as Record<string, unknown>;
  const out: unknown[] = [];
  let index = leading;
  for (const segment of remainder) {
    if (segment === '') continue;
    const param = signature.params[index++];
    out.push(param !== undefined && param.name in values ? values[param.name] : segment);
  }
  return out;
}

/**
 * The params binding reads by name. A location with a schema gives its validated object only
 * (what its schema strips never reaches a `{ ...kw }` parameter); one without keeps its raw
 * values. Body names win over query names, as the more specific input.
 */
function paramsOf(
  schema: EndpointSchema,
  request: PecanRequest,
  query: unknown,
  body: unknown,
): Params {
  if (schema.query === undefined && schema.body === undefined) return request.params;
  const params = createParams();
  assign(params, schema.query ? query : request.query);
  if (schema.body) assign(params, body);
  else if (request.method !== 'GET') assign(params, rawBody(request));
  return params;
}

function rawBody(request: PecanRequest): unknown {
  const body = bodyInput(request);
  return Array.isArray(body) ? undefined : body;
}

function assign(params: Params, source: unknown): void {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return;
  const record = source as Record<string, unknown>;
  for (const name of Object.keys(record)) (params as Record<string, unknown>)[name] = record[name];
}

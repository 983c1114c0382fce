import { HTTPError } from '../core/errors.js';
import type { PecanRequest } from '../core/request.js';
import { createParams, type Params } from '../core/params.js';
import { isJsonType, parseMultipart } from '../core/body.js';

// §2.1: the params a controller is bound from. GET takes the query string only; other methods
// merge the query with a JSON object body, or with an urlencoded/multipart form (query first).
// The lifecycle (stage 8) asks `paramsNeedBody`, loads the body, then calls `paramsFromBody`.

/**
 * Whether the params include a body, which must be read first: any method but GET, with a body
 * announced. One the app cannot decode (a Content-Encoding) is a 415 (DESIGN §5.12).
 */
export function paramsNeedBody(request: PecanRequest): boolean {
  if (request.method === 'GET' || !request.hasBody) return false;
  const encoding = request.headers.get('content-encoding');
  if (encoding !== null && encoding.toLowerCase() !== 'identity') {
    throw new HTTPError(415, `Content-Encoding "${encoding}" is not supported`);
  }
  return true;
}

/**
 * The params once the body is loaded (`request.loadBody()`): the query merged with it. With
 * `merged` false the body and the query are read all the same (a malformed one is the same
 * 400, in the same order), but a JSON or urlencoded body is not merged and `null` is returned:
 * the endpoint's query or body schema gives the params instead (validate-input.ts).
 */
export function paramsFromBody(request: PecanRequest): Params | Promise<Params>;
export function paramsFromBody(
  request: PecanRequest,
  merged: boolean,
): Params | Promise<Params> | null;
export function paramsFromBody(
  request: PecanRequest,
  merged = true,
): Params | Promise<Params> | null {
  const type = request.contentType;
  if (isJsonType(type)) {
    const json = request.json;
    const query = request.query;
    // §2.1: only a JSON object feeds params; arrays, numbers… leave the query alone.
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return query;
    return merged ? merge(query, json as Record<string, unknown>, false) : null;
  }
  if (type === 'application/x-www-form-urlencoded') {
    const query = request.query;
    const form = request.form;
    return merged ? merge(query, form, true) : null;
  }
  if (type === 'multipart/form-data') {
    return loadMultipart(request).then((fields) => merge(request.query, fields, true));
  }
  return request.query;
}

const multipartBodies = new WeakMap<PecanRequest, Promise<Params>>();

/**
 * Parses a (loaded) multipart body once per request and stores it on the request; a
 * RestController reads `_method` from it before the params stage (§4.2 step 1).
 */
export function loadMultipart(request: PecanRequest): Promise<Params> {
  let fields = multipartBodies.get(request);
  if (fields === undefined) {
    const header = request.headers.get('content-type') ?? '';
    fields = parseMultipart(request.body, header).then((parsed) => {
      request.setMultipart(parsed.fields, parsed.files);
      return parsed.fields;
    });
    multipartBodies.set(request, fields);
  }
  return fields;
}

/**
 * Query first, then the body (§2.1 "mixed"): a name in both becomes a list. Query and form
 * values that are arrays are already lists of repeated values; a JSON array is one value.
 */
function merge(query: Params, body: Record<string, unknown>, bodyIsMulti: boolean): Params {
  if (isEmpty(query)) {
    // The common POST: the body alone, copied in one pass (a spread defines its own `__proto__`
    // as data), then without a prototype, so `params.constructor` is never Object's.
    return Object.setPrototypeOf({ ...body }, null) as Params;
  }
  const params = createParams();
  for (const name in query) params[name] = query[name];
  for (const name of Object.keys(body)) {
    const value = body[name];
    if (!(name in params)) {
      params[name] = value;
      continue;
    }
    const existing = params[name];
    const before = Array.isArray(existing) ? existing : [existing];
    params[name] = bodyIsMulti && Array.isArray(value) ? [...before, ...value] : [...before, value];
  }
  return params;
}

function isEmpty(params: Params): boolean {
  for (const _ in params) return false;
  return true;
}

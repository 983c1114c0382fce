import type { App } from '../app/app.js';
import type { State } from '../app/state.js';
import type { ControllerMeta } from '../controller/meta.js';
import { PecanResponse, contentTypeHeader, type ResponseBody } from '../core/response.js';
import { HTTPError } from '../core/errors.js';
import { response as responseProxy } from '../core/context.js';
import { errorResponse } from '../core/error-response.js';
import { fromFetchResponse } from '../core/fetch-response.js';
import { isPromise } from '../core/is-promise.js';
import { invalidBodyError } from '../core/pecan-errors.js';

/** Streams a controller may return; sent as the body without a template. */
export function isStream(value: unknown): value is ResponseBody {
  if (typeof value !== 'object' || value === null) return false;
  return (
    Symbol.asyncIterator in value ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) ||
    (Symbol.iterator in value &&
      !Array.isArray(value) &&
      !(value instanceof Uint8Array) &&
      !(value instanceof Map) &&
      !(value instanceof Set))
  );
}

/** Python's truthiness for the "body untouched" rule (§3.2 step 5): `{}`, `[]`, `''`, 0, … are empty. */
function isEmptyValue(value: unknown): boolean {
  if (!value) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const _ in value) return false;
    return true;
  }
  return false;
}

/** An object literal or an array: not a response, an error or a stream class. */
function isPlainData(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  // The `response` proxy reports its target's prototype, Object.prototype: checked apart.
  return (proto === Object.prototype && value !== responseProxy) || proto === Array.prototype;
}

/**
 * §3.2: turn the controller's return value into the response: responses are used as they are,
 * other values are rendered with the negotiated template (or sent as text/bytes).
 */
export function applyResult(
  app: App,
  state: State,
  meta: ControllerMeta,
  result: unknown,
): void | Promise<void> {
  // Strings, arrays and plain objects (most results) are none of the special results below.
  if (typeof result === 'object' && result !== null && !isPlainData(result)) {
    if (result === responseProxy || result === state.response) return;
    if (result instanceof PecanResponse) {
      state.response = result;
      return;
    }
    if (typeof Response !== 'undefined' && result instanceof Response) {
      state.response = fromFetchResponse(result);
      return;
    }
    if (result instanceof HTTPError) {
      state.response = errorResponse(result, state.request);
      return;
    }
  }
  const pecan = state.request.pecan;
  const explicitOverride = pecan.overrideTemplate !== undefined;
  let template = explicitOverride
    ? (pecan.overrideTemplate ?? null)
    : (meta.contentTypes.get(pecan.contentType) ?? null);
  if (
    template === null &&
    !explicitOverride &&
    !meta.explicitContentType &&
    app.defaultRenderer === 'json'
  )
    template = 'json';
  let contentType =
    pecan.overrideContentType !== undefined ? pecan.overrideContentType : pecan.contentType;
  // §3.8: what the controller returned and the template chosen, for pecan/testing.
  pecan.namespace = result;
  pecan.templateName = template;
  if (isStream(result)) {
    setBody(state, result, contentType);
    return;
  }
  // §3.2: an empty template name renders nothing, as Pecan's `if template:`.
  if (template === null || template === '') {
    setBody(state, result, contentType, meta);
    return;
  }
  if (template === 'json') contentType = pecan.contentType = 'application/json';
  // DESIGN §4: `@expose('json')` returning undefined is an empty body (→ 204); null is `null`.
  if (template === 'json' && result === undefined) {
    setBody(state, undefined, contentType, meta);
    return;
  }
  const rendered = app.renderers.render(template, result);
  if (isPromise(rendered)) return rendered.then((body) => setBody(state, body, contentType, meta));
  setBody(state, rendered, contentType, meta);
}

function setBody(
  state: State,
  body: unknown,
  contentType: string | null,
  meta?: ControllerMeta,
): void {
  const response = state.response;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    if (body.length > 0) response.body = body;
  } else if (isStream(body)) {
    response.body = body;
  } else if (!isEmptyValue(body)) {
    throw invalidBodyError(meta?.label ?? 'controller', describe(body));
  }
  // DESIGN §5.8: a content type the controller set on the response is kept. With no type at
  // all (`contentType: null` and no extension), a body is HTML, as WebOb's default in Pecan;
  // leaving it unset let each runtime pick its own (none on Node, text/plain in Fetch).
  if (response.headers.hasContentType()) return;
  if (contentType !== null) response.headers.setContentType(contentTypeHeader(contentType));
  else if (response.body !== null) response.headers.setContentType(contentTypeHeader('text/html'));
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null)
    return `an object (${value.constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}

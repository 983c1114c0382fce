/**
 * The request story, in Python Pecan's order (pecan-reference §0.1), numbered as
 * docs/lifecycle.md numbers it. `runStages` calls one function per stage; a stage that returns a
 * promise pauses the pass, which resumes at the next stage's number once it settles. Failures
 * go to handle-error.ts; an internal redirect starts a new pass (internal-redirect.ts).
 */
import { belowMount, type App } from './app.js';
import { State, useControllerHooks } from './state.js';
import { Flight, NO_PREFIX, explicitPrefix } from './flight.js';
import { handleError, serverError } from './handle-error.js';
import { followInternalRedirect } from './internal-redirect.js';
import type { PecanRequest, BodyReader } from '../core/request.js';
import { PecanResponse } from '../core/response.js';
import { InternalRedirect } from '../core/errors.js';
import { contextLocals } from '../core/context.js';
import { normaliseEmptyBody } from '../core/finalize.js';
import { decodePath, type Params } from '../core/params.js';
import { isPromise } from '../core/is-promise.js';
import { bindArguments, callArguments, withRoutingArgs } from '../binding/bind.js';
import { paramsFromBody, paramsNeedBody } from '../binding/collect-params.js';
import { validateInput, type Validated } from '../binding/validate-input.js';
import { checkResponse } from '../binding/check-response.js';
import type { StandardSchemaV1 } from '../core/standard-schema.js';
import { applyExtension, negotiateContentType } from '../dispatch/negotiate.js';
import { checkCanonical, findEndpoint } from '../dispatch/route-request.js';
import { pickHandler, type Handler } from '../dispatch/generic.js';
import type { Endpoint } from '../dispatch/endpoint.js';
import { runHooks } from '../hooks/run-hooks.js';
import { applyResult } from '../render/apply-result.js';

/**
 * 0. context: handles one request and returns the response to send — synchronously when every
 * stage was synchronous, else as a promise. Never throws, never rejects.
 */
export function handle(
  app: App,
  request: PecanRequest,
  body?: BodyReader | null,
): PecanResponse | Promise<PecanResponse> {
  // Without `body`: the body the adapter (or `forwardRequest`) already attached is used.
  if (body !== undefined) request.attachBody(body, app.bodyLimit, app.jsonLimits);
  const state = new State(request, new app.responseCls(), app);
  return app.contextLocals ? contextLocals().run(state, serve, app) : serve(app, state);
}

/** One pass over stages 1–12, then 13–14; an internal redirect starts another pass. */
function serve(
  app: App,
  state: State,
  visited: Set<string> | null = null,
): PecanResponse | Promise<PecanResponse> {
  const flight = new Flight(app, state);
  let pending: void | Promise<void>;
  try {
    pending = runStages(flight, 1);
  } catch (error) {
    return recover(app, state, error, visited);
  }
  if (pending === undefined) return complete(app, state);
  return pending.then(
    () => complete(app, state),
    (error: unknown) => recover(app, state, error, visited),
  );
}

/** The stages a pass may start or resume at, by their docs/lifecycle.md numbers. */
type Stage = 1 | 3 | 5 | 7 | 9 | 11 | 12;

/**
 * Pecan's `find_controller` and `invoke_controller` (§0.1 steps 3–4), from stage `from`. Each
 * stage is a direct call (monomorphic, inlined by V8); the pass stays synchronous until a
 * stage returns a promise.
 */
function runStages(f: Flight, from: Stage): void | Promise<void> {
  if (from <= 1) {
    resolvePath(f); // 1. path: below the mount point, percent-decoded (§1.1, §1.10, §1.11)
    const hooks = onRouteHooks(f); // 2. onRoute hooks (§5.3)
    if (hooks !== undefined) return resume(hooks, f, 3);
  }
  if (from <= 3) {
    extension(f); // 3. extension: `/report.json` → JSON, routed as `/report` (§3.4)
    // 4. dispatch: the object walk and its fallbacks, security at every boundary (§1.2, §6.2)
    const found = dispatch(f);
    if (found !== undefined) return resume(found, f, 5, keepEndpoint);
  }
  if (from <= 5) {
    canonical(f); // 5. canonical: `/sub` → `/sub/` (§1.4)
    // 6. generic: the handler for the method, its security check, its hooks (§3.5, §6.3, §5.4)
    const handler = chooseHandler(f);
    if (handler !== undefined) return resume(handler, f, 7, useHandler);
  }
  if (from <= 7) {
    negotiate(f); // 7. negotiate: the extension's type, or the Accept header (§3.3–3.4)
    // 8. params: query, JSON or form body (§2.1), validated by the endpoint's schemas. A body
    // is read first; the pass goes on in the continuation that has it (one promise, not four),
    // or at once when the adapter read it ahead (a small body: no promise at all).
    const request = f.state.request;
    if (paramsNeedBody(request)) {
      return request.bodyRead ? withBody(f) : request.loadBody().then(() => withBody(f));
    }
    keepParams(f, request.query);
    const valid = validate(f);
    if (valid !== undefined) return resume(valid, f, 9);
  }
  if (from <= 9) {
    bindToSignature(f); // 9. arguments from the signature (§2.2–2.4)
    const hooks = beforeHooks(f); // 10. before hooks (§5.3)
    if (hooks !== undefined) return resume(hooks, f, 11);
  }
  if (from <= 11) {
    const result = callController(f); // 11. controller: call it (§3.2)
    if (result !== undefined) return resume(result, f, 12, keepResult);
  }
  return renderResult(f); // 12. render: template, JSON, text, bytes, Response or stream (§3.2)
}

/** Resumes the pass at `next`; a stage whose value came late hands it over with `keep`, in the
 * same continuation. */
function resume<T>(
  pending: Promise<T>,
  flight: Flight,
  next: Stage,
  keep?: (flight: Flight, value: T) => void,
): Promise<void> {
  return pending.then((value) => {
    if (keep !== undefined) keep(flight, value);
    return runStages(flight, next);
  });
}

/** On failure (§0.1 step 5): an internal redirect starts over; any other error is answered. */
function recover(
  app: App,
  state: State,
  error: unknown,
  visited: Set<string> | null,
): PecanResponse | Promise<PecanResponse> {
  if (error instanceof InternalRedirect) {
    // §7.6: re-dispatch the same request at the new path; no after hooks for this pass.
    try {
      return serve(app, state, followInternalRedirect(state, error, visited ?? new Set()));
    } catch (loop) {
      return serverError(app, state, loop);
    }
  }
  const pending = handleError(app, state, error);
  if (pending === undefined) return complete(app, state);
  return pending.then(() => complete(app, state));
}

/** 13. after hooks, in reverse priority order, on success and on failure (§5.3); one that
 * fails is a 500. */
function complete(app: App, state: State): PecanResponse | Promise<PecanResponse> {
  const after = state.chains.after;
  let pending: void | Promise<void>;
  try {
    pending = after !== null ? runHooks(after, 'after', state) : undefined;
  } catch (error) {
    return serverError(app, state, error);
  }
  if (pending === undefined) return normalise(app, state);
  return pending.then(
    () => normalise(app, state),
    (error: unknown) => serverError(app, state, error),
  );
}

/** 14. empty body: 200 without a body → 204; no Content-Type on 204/304 (§7.9). */
function normalise(app: App, state: State): PecanResponse | Promise<PecanResponse> {
  const pending = normaliseEmptyBody(state.response);
  if (pending === undefined) return state.response;
  return pending.then(
    () => state.response,
    (error: unknown) => serverError(app, state, error),
  );
}

function resolvePath({ app, state }: Flight): void {
  const request = state.request;
  request.path = request.pecan.routingPath = decodePath(belowMount(app, request.rawPath));
}

function onRouteHooks({ app, state }: Flight): void | Promise<void> {
  if (app.onRouteHooks !== null) return runHooks(app.onRouteHooks, 'onRoute', state);
}

function extension(f: Flight): void {
  const request = f.state.request;
  f.path = f.app.guessContentTypeFromExt ? applyExtension(request, request.path) : request.path;
}

function dispatch(f: Flight): void | Promise<Endpoint> {
  const found = findEndpoint(f.app, f.state.request, f.path);
  if (!isPromise<Endpoint>(found)) keepEndpoint(f, found);
  else return found;
}

const keepEndpoint = (f: Flight, endpoint: Endpoint): void => void (f.endpoint = endpoint);

function canonical({ app, state, endpoint }: Flight): void {
  checkCanonical(app, state.request, endpoint!);
}

function chooseHandler(f: Flight): void | Promise<Handler> {
  const handler = pickHandler(f.endpoint!, f.state.request);
  if (!isPromise<Handler>(handler)) useHandler(f, handler);
  else return handler;
}

/** A request that failed before this point runs the app hooks only, as in Pecan (§5.4). */
function useHandler(f: Flight, { fn, meta }: Handler): void {
  f.fn = f.state.controller = fn;
  f.meta = meta;
  if (f.endpoint!.hooks) useControllerHooks(f.state, f.endpoint!.hooks);
}

function negotiate({ app, state, meta }: Flight): void {
  negotiateContentType(state.request, meta!, app.logger);
}

/** Stage 8 with the body loaded, then the rest of the pass (a multipart body parses first). */
function withBody(f: Flight): void | Promise<void> {
  const schema = f.meta!.schema;
  // A query or body schema gives the params binding reads (validate-input.ts): the query merged
  // with the body is then made only for a request that fails validation.
  const merged = schema === null || (schema.query === undefined && schema.body === undefined);
  const params = paramsFromBody(f.state.request, merged);
  if (isPromise<Params>(params)) return params.then((value) => validated(f, value));
  return validated(f, params);
}

/** `params` null: not merged yet (see `withBody`). */
function validated(f: Flight, params: Params | null): void | Promise<void> {
  if (params !== null) keepParams(f, params);
  let valid: void | Promise<void>;
  try {
    valid = validate(f);
  } catch (error) {
    return invalid(f, params, error);
  }
  if (valid === undefined) return runStages(f, 9);
  if (params === null) valid = valid.catch((error: unknown) => invalid(f, null, error));
  return resume(valid, f, 9);
}

/** A request that fails validation has the query merged with its body as its params, as any
 * other request (its error and after hooks may read them). */
function invalid(f: Flight, params: Params | null, error: unknown): never {
  // Not multipart (that one is merged first), so the body is already parsed: synchronous.
  if (params === null) keepParams(f, paramsFromBody(f.state.request) as Params);
  throw error;
}

const keepParams = (f: Flight, params: Params): void => void (f.state.request.params = params);

/** docs/typed-apis.md: the `path`, `query` and `body` schemas, before the arguments are bound. */
function validate(f: Flight): void | Promise<void> {
  const meta = f.meta!;
  const schema = meta.schema;
  if (schema === null) return;
  if (schema.path === undefined && schema.query === undefined && schema.body === undefined) return;
  const request = f.state.request;
  const leading = f.app.contextLocals ? 0 : 2; // explicit mode's (req, res), §7.2
  const remainder = withRoutingArgs(request, f.endpoint!.remainder);
  const checked = validateInput(schema, meta.signature!, leading, remainder, request);
  if (!isPromise<Validated>(checked)) keepValid(f, checked);
  else return checked.then((value) => keepValid(f, value));
}

function keepValid(f: Flight, { remainder, params }: Validated): void {
  const schema = f.meta!.schema!;
  f.remainder = remainder;
  f.schemaParams = schema.query !== undefined || schema.body !== undefined;
  f.state.request.params = params;
}

/** Explicit mode passes (req, res) first (§7.2); nested RestControllers' parent ids come next. */
function bindToSignature(f: Flight): void {
  const { app, state, meta } = f;
  const request = state.request;
  const signature = meta!.signature!;
  const prefix = app.contextLocals ? NO_PREFIX : explicitPrefix(state, meta!.label, signature);
  const remainder = f.remainder ?? withRoutingArgs(request, f.endpoint!.remainder);
  const bound = bindArguments(
    signature,
    meta!.label,
    remainder,
    request.params,
    prefix.length,
    f.schemaParams,
  );
  f.prefix = prefix;
  f.bound = bound;
  state.arguments = prefix.length ? { ...bound, args: [...prefix, ...bound.args] } : bound;
}

function beforeHooks({ state }: Flight): void | Promise<void> {
  const before = state.chains.before;
  if (before !== null) return runHooks(before, 'before', state);
}

/** Keeps the controller's result, or returns the promise of it (an async controller). */
function callController(f: Flight): void | Promise<unknown> {
  const args = callArguments(f.meta!.signature!, f.bound!, f.prefix);
  const result: unknown = f.fn!.apply(f.endpoint!.self, args);
  const schema = f.meta!.schema;
  if (schema !== null && schema.response !== undefined && f.app.checkResponses) {
    return checkedResult(f, result, schema.response);
  }
  if (!isPromise(result)) keepResult(f, result);
  else return result;
}

const keepResult = (f: Flight, result: unknown): void => void (f.result = result);

/** Debug and test mode: the result must match the `response` schema (docs/typed-apis.md). */
function checkedResult(
  f: Flight,
  result: unknown,
  schema: StandardSchemaV1,
): void | Promise<unknown> {
  const label = f.meta!.label;
  const check = (value: unknown): void | Promise<void> =>
    isSentAsIs(value) ? undefined : checkResponse(schema, label, value);
  if (isPromise(result)) {
    return result.then((value) => {
      const pending = check(value);
      return pending === undefined ? value : pending.then(() => value);
    });
  }
  const pending = check(result);
  if (pending === undefined) keepResult(f, result);
  else return pending.then(() => result);
}

/** A response object is sent as is (§3.2): there is no value for the schema to check. */
function isSentAsIs(value: unknown): boolean {
  return (
    value instanceof PecanResponse || (typeof Response === 'function' && value instanceof Response)
  );
}

function renderResult({ app, state, meta, result }: Flight): void | Promise<void> {
  return applyResult(app, state, meta!, result);
}

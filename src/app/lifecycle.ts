/**
 * The request story, in Python Pecan's order (pecan-reference §0.1). Each numbered stage is one
 * call; the stages live next to the behaviour they implement.
 */
import type { App } from './app.js';
import { State, type Arguments } from './state.js';
import type { PecanRequest, BodyReader } from '../core/request.js';
import { forwardRequest } from '../core/forward.js';
import { PecanResponse } from '../core/response.js';
import { HTTPError, InternalRedirect } from '../core/errors.js';
import { contextLocals } from '../core/context.js';
import { errorResponse } from '../core/error-response.js';
import { normaliseEmptyBody } from '../core/finalize.js';
import { getMeta, type ControllerMeta } from '../controller/meta.js';
import { decodePath } from '../core/params.js';
import { bindArguments, callArguments, withRoutingArgs } from '../binding/bind.js';
import { collectParams } from '../binding/collect-params.js';
import { routeRequest } from '../dispatch/route-request.js';
import { pickHandler, allowedMethods, type Handler } from '../dispatch/generic.js';
import type { Endpoint } from '../dispatch/lookup.js';
import type { Params } from '../core/params.js';
import { negotiateContentType } from '../dispatch/negotiate.js';
import { runHooks, runErrorHooks } from '../hooks/run-hooks.js';
import { buildChains, mergeHooks, type PecanHook } from '../hooks/pecan-hook.js';
import { isPromise } from '../core/is-promise.js';
import { applyResult } from '../render/apply-result.js';

/**
 * Handles one request and returns the response to send — synchronously when every stage was
 * synchronous, else as a promise. Never throws, never rejects.
 */
export function handle(
  app: App,
  request: PecanRequest,
  body?: BodyReader | null,
): PecanResponse | Promise<PecanResponse> {
  // Without `body`: the body the adapter (or `forwardRequest`) already attached is used.
  if (body !== undefined) request.attachBody(body, app.bodyLimit);
  const state = new State(request, new PecanResponse(), app);
  return app.contextLocals ? contextLocals().run(state, serve, app) : serve(app, state);
}

/** One pass over the stages; an internal redirect starts another pass on the same state. */
function serve(
  app: App,
  state: State,
  visited: Set<string> | null = null,
): PecanResponse | Promise<PecanResponse> {
  const flight = new Flight(app, state);
  let pending: void | Promise<void>;
  try {
    pending = runStages(flight, 0);
  } catch (error) {
    return recover(app, state, error, visited);
  }
  if (pending === undefined) return complete(app, state);
  return pending.then(
    () => complete(app, state),
    (error: unknown) => recover(app, state, error, visited),
  );
}

/** What the stages of one pass hand each other. */
class Flight {
  endpoint: Endpoint | null = null;
  fn: Function | null = null;
  meta: ControllerMeta | null = null;
  prefix: readonly unknown[] = NO_PREFIX;
  bound: Arguments | null = null;
  result: unknown = undefined;

  constructor(
    readonly app: App,
    readonly state: State,
  ) {}
}

/**
 * Pecan's `find_controller` and `invoke_controller`, stage by stage (§0.1 step 3–4), from stage
 * `from`. Each stage is a direct call (monomorphic, inlined by V8) and the pass stays
 * synchronous until a stage returns a promise; the rest then resumes from the next stage.
 */
function runStages(f: Flight, from: number): void | Promise<void> {
  let pending: void | Promise<void>;
  // 1. The routing path: decoded, below the mount point (§1.1, §1.10, §1.11).
  if (from <= 0) resolvePath(f);
  // 2. onRoute hooks (§5.3).
  if (from <= 1 && (pending = onRouteHooks(f)) !== undefined) return resume(pending, f, 2);
  // 3–5. URL extension, object dispatch with its fallbacks, canonical trailing slash
  //      (§3.4, §1.2, §1.4), security at every controller boundary (§6.2).
  if (from <= 2 && (pending = dispatch(f)) !== undefined) return resume(pending, f, 3);
  // 6. The generic handler for the method, with its security check (§3.5, §6.3); then the
  //    hooks of the controllers walked join the app's (§5.3, §5.4).
  if (from <= 3 && (pending = chooseHandler(f)) !== undefined) return resume(pending, f, 4);
  if (from <= 4) {
    // 7. Content negotiation: the extension's type, or the Accept header (§3.3–3.4).
    negotiate(f);
    // 8. Params: query, JSON or form body (§2.1).
    const params = readParams(f);
    if (params !== undefined) return params;
  }
  if (from <= 5) {
    // 9. Arguments from the signature (§2.2–2.4); explicit mode passes (req, res) first (§7.2).
    bindToSignature(f);
    // 10. before hooks (§5.3).
    if ((pending = beforeHooks(f)) !== undefined) return resume(pending, f, 6);
  }
  // 11. Call the controller, then render its result (§3.2).
  if (from <= 6) {
    const called = callController(f);
    if (called !== undefined) return called;
  }
  return renderResult(f);
}

function resume(pending: Promise<void>, flight: Flight, next: number): Promise<void> {
  return pending.then(() => runStages(flight, next));
}

/** §0.1 steps 6–7: after hooks, then the empty-body rule; an after hook that fails is a 500. */
function complete(app: App, state: State): PecanResponse | Promise<PecanResponse> {
  const after = state.chains.after;
  let pending: void | Promise<void>;
  try {
    // 12. after hooks, in reverse priority order, on success and on failure (§5.3).
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

/** 13. Empty-body normalisation: 200 without body → 204; no Content-Type on 204/304 (§7.9). */
function normalise(app: App, state: State): PecanResponse | Promise<PecanResponse> {
  const pending = normaliseEmptyBody(state.response);
  if (pending === undefined) return state.response;
  return pending.then(
    () => state.response,
    (error: unknown) => serverError(app, state, error),
  );
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

function resolvePath({ app, state }: Flight): void {
  const request = state.request;
  request.path = request.pecan.routingPath = routingPath(app, request);
}

function onRouteHooks({ app, state }: Flight): void | Promise<void> {
  if (app.onRouteHooks !== null) return runHooks(app.onRouteHooks, 'onRoute', state);
}

function dispatch(flight: Flight): void | Promise<void> {
  const found = routeRequest(flight.app, flight.state.request);
  if (!isPromise<Endpoint>(found)) {
    flight.endpoint = found;
    return;
  }
  return found.then((endpoint) => {
    flight.endpoint = endpoint;
  });
}

function chooseHandler(flight: Flight): void | Promise<void> {
  const handler = pickHandler(flight.endpoint!, flight.state.request);
  if (!isPromise<Handler>(handler)) return useHandler(flight, handler);
  return handler.then((picked) => useHandler(flight, picked));
}

function useHandler(flight: Flight, { fn, meta }: Handler): void {
  const state = flight.state;
  flight.fn = fn;
  flight.meta = meta;
  state.controller = fn;
  // A request that failed before this point runs the app hooks only, as in Pecan.
  const controllerHooks = flight.endpoint!.hooks;
  if (controllerHooks) useControllerHooks(state, controllerHooks);
}

function negotiate({ app, state, meta }: Flight): void {
  negotiateContentType(state.request, meta!, app.logger);
}

/** Sets the params, or (a body to read) returns the rest of the pass, resumed once they are. */
function readParams(flight: Flight): void | Promise<void> {
  const request = flight.state.request;
  const params = collectParams(request);
  if (!isPromise<Params>(params)) {
    request.params = params;
    return;
  }
  // One continuation, not two: the params, then the stages after this one.
  return params.then((read) => {
    request.params = read;
    return runStages(flight, 5);
  });
}

function bindToSignature(flight: Flight): void {
  const { app, state, meta } = flight;
  const request = state.request;
  const signature = meta!.signature!;
  const prefix = app.contextLocals
    ? NO_PREFIX
    : explicitPrefix(state, meta!.label, signature.params.length);
  // Nested RestControllers' parent ids come first (§2.2 step 2).
  const remainder = withRoutingArgs(request, flight.endpoint!.remainder);
  const bound = bindArguments(signature, meta!.label, remainder, request.params, prefix.length);
  flight.prefix = prefix;
  flight.bound = bound;
  state.arguments = prefix.length ? { ...bound, args: [...prefix, ...bound.args] } : bound;
}

function beforeHooks({ state }: Flight): void | Promise<void> {
  const before = state.chains.before;
  if (before !== null) return runHooks(before, 'before', state);
}

function callController(flight: Flight): void | Promise<void> {
  const args = callArguments(flight.meta!.signature!, flight.bound!, flight.prefix);
  const result: unknown = flight.fn!.apply(flight.endpoint!.self, args);
  if (!isPromise(result)) {
    flight.result = result;
    return;
  }
  // An async controller: its value is rendered in the same continuation.
  return result.then((value) => {
    flight.result = value;
    return renderResult(flight);
  });
}

function renderResult({ app, state, meta, result }: Flight): void | Promise<void> {
  return applyResult(app, state, meta!, result);
}

const NO_PREFIX: readonly unknown[] = [];

function useControllerHooks(state: State, controllerHooks: readonly PecanHook[]): void {
  state.hooks = mergeHooks(controllerHooks, state.app.hooks);
  state.chains = buildChains(state.hooks);
}

function routingPath(app: App, request: PecanRequest): string {
  let raw = request.rawPath;
  if (app.basePath !== '') {
    if (raw !== app.basePath && !raw.startsWith(`${app.basePath}/`)) throw new HTTPError(404);
    raw = raw.slice(app.basePath.length);
  }
  return decodePath(raw);
}

function explicitPrefix(state: State, label: string, declared: number): readonly unknown[] {
  if (declared < 2) {
    throw new TypeError(
      `${label} must take (req, res, ...args): the app was made with { contextLocals: false } (§7.2)`,
    );
  }
  return [state.request, state.response];
}

/**
 * On failure (§0.1 step 5): the error's response becomes `state.response` — an HTTPError's own,
 * or the opaque 500 (the debug page in debug mode) that answers any other error — then the
 * onError hooks run, and the first response one returns replaces it (§5.3). A non-HTTP error
 * that no hook answered is logged.
 */
function handleError(app: App, state: State, error: unknown): void | Promise<void> {
  const httpError = error instanceof HTTPError ? error : null;
  if (httpError !== null) state.request.pecan.originalError = httpError;
  // DESIGN §4: state.response is the response that will be sent (Pecan left its 200 in place).
  state.response =
    httpError !== null
      ? errorResponse(httpError, state.request)
      : unhandledResponse(app, state, error);
  if (state.chains.onError !== null) return runOnErrorHooks(app, state, error, httpError);
  finishError(app, state, error, httpError);
}

async function runOnErrorHooks(
  app: App,
  state: State,
  error: unknown,
  httpError: HTTPError | null,
): Promise<void> {
  let replacement: PecanResponse | undefined;
  try {
    replacement = await runErrorHooks(state.chains.onError!, state, error);
  } catch (hookError) {
    // An onError hook that throws fails the request; the after hooks still run (§0.1 step 6).
    logUnhandled(app, state, hookError);
    state.response = unhandledResponse(app, state, hookError);
    return;
  }
  if (replacement !== undefined) {
    state.response = replacement;
    return;
  }
  finishError(app, state, error, httpError);
}

function finishError(app: App, state: State, error: unknown, httpError: HTTPError | null): void {
  if (httpError === null) {
    logUnhandled(app, state, error);
    return;
  }
  // §3.5: a 405 from a generic controller lists its registered methods (never an empty Allow).
  if (httpError.status === 405 && !state.response.headers.has('allow')) {
    const allow = allowedMethods(getMeta(state.controller));
    if (allow !== null) state.response.headers.set('Allow', allow);
  }
}

/** §8.3: an unhandled error is logged and answered with a 500 that reveals nothing (§8.6: in
 * debug mode, the debug page). */
function serverError(app: App, state: State, error: unknown): PecanResponse {
  logUnhandled(app, state, error);
  return unhandledResponse(app, state, error);
}

/** The answer to an error no one handled: the debug page in debug mode only (§8.6). */
function unhandledResponse(app: App, state: State, error: unknown): PecanResponse {
  return app.unhandledPage?.(state, error) ?? errorResponse(new HTTPError(500), state.request);
}

function logUnhandled(app: App, state: State, error: unknown): void {
  const label = getMeta(state.controller)?.label;
  app.logger.error(
    `Unhandled error${label ? ` in ${label}` : ''} for ${state.request.method} ${state.request.rawPath}`,
    error,
  );
}

function followInternalRedirect(
  state: State,
  redirect: InternalRedirect,
  visited: Set<string>,
): Set<string> {
  const old = state.request;
  visited.add(old.rawPath);
  // §7.6: without a `?query` in the location the query string is kept.
  const next = forwardRequest(old, redirect.location, old.queryString);
  if (visited.has(next.rawPath)) {
    const chain = [...visited].join(', ');
    throw new Error(
      `Forwarding loop detected; ${next.rawPath} visited twice (internal redirect path: ${chain})`,
    );
  }
  state.request = next;
  state.response = new PecanResponse();
  state.controller = null;
  state.arguments = null;
  // The forwarded request is a new request: the first one's controller hooks do not apply.
  state.hooks = state.app.hooks;
  state.chains = state.app.chains;
  return visited;
}

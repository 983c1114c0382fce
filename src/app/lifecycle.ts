/**
 * The request story, in Python Pecan's order (pecan-reference §0.1), numbered as
 * docs/lifecycle.md numbers it. `runStages` calls one function per stage; a stage that returns a
 * promise pauses the pass, which resumes at the next stage's number once it settles. Failures
 * go to handle-error.ts; an internal redirect starts a new pass (internal-redirect.ts).
 */
import type { App } from './app.js';
import { State } from './state.js';
import { Flight, NO_PREFIX } from './flight.js';
import { handleError, serverError } from './handle-error.js';
import { followInternalRedirect } from './internal-redirect.js';
import type { PecanRequest, BodyReader } from '../core/request.js';
import { PecanResponse } from '../core/response.js';
import { HTTPError, InternalRedirect } from '../core/errors.js';
import { contextLocals } from '../core/context.js';
import { normaliseEmptyBody } from '../core/finalize.js';
import { decodePath, type Params } from '../core/params.js';
import { isPromise } from '../core/is-promise.js';
import { explicitSignatureError } from '../core/pecan-errors.js';
import type { ControllerMeta } from '../controller/meta.js';
import { bindArguments, callArguments, withRoutingArgs } from '../binding/bind.js';
import { collectParams } from '../binding/collect-params.js';
import { applyExtension, negotiateContentType } from '../dispatch/negotiate.js';
import { checkCanonical, findEndpoint } from '../dispatch/route-request.js';
import { pickHandler, type Handler } from '../dispatch/generic.js';
import type { Endpoint } from '../dispatch/endpoint.js';
import { runHooks } from '../hooks/run-hooks.js';
import { buildChains, mergeHooks } from '../hooks/pecan-hook.js';
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
  if (body !== undefined) request.attachBody(body, app.bodyLimit);
  const state = new State(request, new PecanResponse(), app);
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
    pending = runStages(flight, PATH);
  } catch (error) {
    return recover(app, state, error, visited);
  }
  if (pending === undefined) return complete(app, state);
  return pending.then(
    () => complete(app, state),
    (error: unknown) => recover(app, state, error, visited),
  );
}

// The stages a pass may resume at, by their docs/lifecycle.md numbers.
const PATH = 1;
type Stage = 1 | 3 | 5 | 7 | 9 | 11 | 12;

/**
 * Pecan's `find_controller` and `invoke_controller` (§0.1 steps 3–4), from stage `from`. Each
 * stage is a direct call (monomorphic, inlined by V8); the pass stays synchronous until a
 * stage returns a promise.
 */
function runStages(f: Flight, from: Stage): void | Promise<void> {
  let pending: void | Promise<void>;
  if (from <= 1) {
    resolvePath(f); // 1. path: below the mount point, percent-decoded (§1.1, §1.10, §1.11)
    // 2. onRoute hooks (§5.3)
    if ((pending = onRouteHooks(f)) !== undefined) return resume(pending, f, 3);
  }
  if (from <= 3) {
    extension(f); // 3. extension: `/report.json` → JSON, routed as `/report` (§3.4)
    // 4. dispatch: the object walk and its fallbacks, security at every boundary (§1.2, §6.2)
    if ((pending = dispatch(f)) !== undefined) return resume(pending, f, 5);
  }
  if (from <= 5) {
    canonical(f); // 5. canonical: `/sub` → `/sub/` (§1.4)
    // 6. generic: the handler for the method, its security check, its hooks (§3.5, §6.3, §5.4)
    if ((pending = chooseHandler(f)) !== undefined) return resume(pending, f, 7);
  }
  if (from <= 7) {
    negotiate(f); // 7. negotiate: the extension's type, or the Accept header (§3.3–3.4)
    // 8. params: query, JSON or form body (§2.1)
    if ((pending = readParams(f)) !== undefined) return resume(pending, f, 9);
  }
  if (from <= 9) {
    bindToSignature(f); // 9. arguments from the signature (§2.2–2.4)
    // 10. before hooks (§5.3)
    if ((pending = beforeHooks(f)) !== undefined) return resume(pending, f, 11);
  }
  // 11. controller: call it (§3.2)
  if (from <= 11 && (pending = callController(f)) !== undefined) return resume(pending, f, 12);
  return renderResult(f); // 12. render: template, JSON, text, bytes, Response or stream (§3.2)
}

function resume(pending: Promise<void>, flight: Flight, next: Stage): Promise<void> {
  return pending.then(() => runStages(flight, next));
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

/** 1. The routing path: below the mount point, percent-decoded (§1.1, §1.10, §1.11). */
function resolvePath({ app, state }: Flight): void {
  const request = state.request;
  let raw = request.rawPath;
  if (app.basePath !== '') {
    if (raw !== app.basePath && !raw.startsWith(`${app.basePath}/`)) throw new HTTPError(404);
    raw = raw.slice(app.basePath.length);
  }
  request.path = request.pecan.routingPath = decodePath(raw);
}

function onRouteHooks({ app, state }: Flight): void | Promise<void> {
  if (app.onRouteHooks !== null) return runHooks(app.onRouteHooks, 'onRoute', state);
}

function extension(f: Flight): void {
  const request = f.state.request;
  f.path = f.app.guessContentTypeFromExt ? applyExtension(request, request.path) : request.path;
}

function dispatch(f: Flight): void | Promise<void> {
  const found = findEndpoint(f.app, f.state.request, f.path);
  if (!isPromise<Endpoint>(found)) f.endpoint = found;
  else return found.then((endpoint) => void (f.endpoint = endpoint));
}

function canonical({ app, state, endpoint }: Flight): void {
  checkCanonical(app, state.request, endpoint!);
}

function chooseHandler(f: Flight): void | Promise<void> {
  const handler = pickHandler(f.endpoint!, f.state.request);
  if (!isPromise<Handler>(handler)) useHandler(f, handler);
  else return handler.then((picked) => useHandler(f, picked));
}

/** The handler's controller hooks join the app's (§5.3, §5.4); a request that failed before
 * this point runs the app hooks only, as in Pecan. */
function useHandler(f: Flight, { fn, meta }: Handler): void {
  const state = f.state;
  f.fn = state.controller = fn;
  f.meta = meta;
  const controllerHooks = f.endpoint!.hooks;
  if (controllerHooks) {
    state.hooks = mergeHooks(controllerHooks, state.app.hooks);
    state.chains = buildChains(state.hooks);
  }
}

function negotiate({ app, state, meta }: Flight): void {
  negotiateContentType(state.request, meta!, app.logger);
}

function readParams({ state }: Flight): void | Promise<void> {
  const request = state.request;
  const params = collectParams(request);
  if (!isPromise<Params>(params)) request.params = params;
  else return params.then((read) => void (request.params = read));
}

/** Explicit mode passes (req, res) first (§7.2); nested RestControllers' parent ids come next. */
function bindToSignature(f: Flight): void {
  const { app, state, meta } = f;
  const request = state.request;
  const signature = meta!.signature!;
  const prefix = app.contextLocals ? NO_PREFIX : explicitPrefix(state, meta!);
  const remainder = withRoutingArgs(request, f.endpoint!.remainder);
  const bound = bindArguments(signature, meta!.label, remainder, request.params, prefix.length);
  f.prefix = prefix;
  f.bound = bound;
  state.arguments = prefix.length ? { ...bound, args: [...prefix, ...bound.args] } : bound;
}

function beforeHooks({ state }: Flight): void | Promise<void> {
  const before = state.chains.before;
  if (before !== null) return runHooks(before, 'before', state);
}

function callController(f: Flight): void | Promise<void> {
  const args = callArguments(f.meta!.signature!, f.bound!, f.prefix);
  const result: unknown = f.fn!.apply(f.endpoint!.self, args);
  if (!isPromise(result)) f.result = result;
  else return result.then((value) => void (f.result = value));
}

function renderResult({ app, state, meta, result }: Flight): void | Promise<void> {
  return applyResult(app, state, meta!, result);
}

function explicitPrefix(state: State, meta: ControllerMeta): readonly unknown[] {
  if (meta.signature!.params.length < 2) throw explicitSignatureError(meta.label);
  return [state.request, state.response];
}

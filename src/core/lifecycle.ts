/**
 * The request story, in Python Pecan's order (pecan-reference §0.1). Each numbered stage is one
 * call; the stages live next to the behaviour they implement.
 */
import type { App } from './app.js';
import { State } from './state.js';
import type { PecanRequest, BodyReader } from './request.js';
import { forwardRequest } from './forward.js';
import { PecanResponse } from './response.js';
import { HTTPError, InternalRedirect } from './errors.js';
import { runInContext } from './context.js';
import { errorResponse } from './error-response.js';
import { normaliseEmptyBody } from './finalize.js';
import { getMeta } from '../controller/meta.js';
import { decodePath } from '../binding/params.js';
import { bindArguments, callArguments, withRoutingArgs } from '../binding/bind.js';
import { collectParams } from '../binding/collect-params.js';
import { routeRequest } from '../dispatch/route-request.js';
import { pickHandler, allowedMethods } from '../dispatch/generic.js';
import { negotiateContentType } from '../dispatch/negotiate.js';
import { runHooks, runErrorHooks } from '../hooks/run-hooks.js';
import { buildChains, mergeHooks, type PecanHook } from '../hooks/pecan-hook.js';
import { isPromise } from './is-promise.js';
import { applyResult } from '../render/apply-result.js';

/** Handles one request and resolves to the response to send. Never rejects. */
export function handle(
  app: App,
  request: PecanRequest,
  body?: BodyReader | null,
): Promise<PecanResponse> {
  // Without `body`: the body the adapter (or `forwardRequest`) already attached is used.
  if (body !== undefined) request.attachBody(body, app.bodyLimit);
  const state = new State(request, new PecanResponse(), app);
  return app.contextLocals ? runInContext(state, () => serve(app, state)) : serve(app, state);
}

async function serve(app: App, state: State): Promise<PecanResponse> {
  const visited = new Set<string>();
  try {
    for (;;) {
      try {
        const pending = findAndInvoke(app, state);
        if (pending !== undefined) await pending;
      } catch (error) {
        if (error instanceof InternalRedirect) {
          // §7.6: re-dispatch the same request at the new path; no after hooks for this pass.
          followInternalRedirect(state, error, visited);
          continue;
        }
        // On failure: the error's response, then the onError hooks (§0.1 step 5).
        await handleError(app, state, error);
      }
      // 12. after hooks, in reverse priority order, on success and on failure (§5.3).
      if (state.chains.after !== null) {
        const pending = runHooks(state.chains.after, 'after', state);
        if (pending !== undefined) await pending;
      }
      // 13. Empty-body normalisation: 200 without body → 204; no Content-Type on 204/304 (§7.9).
      const pending = normaliseEmptyBody(state.response);
      if (pending !== undefined) await pending;
      return state.response;
    }
  } catch (error) {
    // A failing after hook or a redirect loop: still answer, never crash.
    return serverError(app, state, error);
  }
}

/** Stages 1–11: Pecan's `find_controller` and `invoke_controller`. */
async function findAndInvoke(app: App, state: State): Promise<void> {
  const request = state.request;
  // 1. The routing path: decoded, below the mount point (§1.1, §1.10, §1.11).
  request.path = request.pecan.routingPath = routingPath(app, request);
  // 2. onRoute hooks (§5.3).
  if (app.onRouteHooks !== null) {
    const pending = runHooks(app.onRouteHooks, 'onRoute', state);
    if (pending !== undefined) await pending;
  }
  // 3–5. URL extension, object dispatch with its fallbacks, canonical trailing slash (§3.4, §1.2, §1.4).
  let endpoint = routeRequest(app, request);
  if (isPromise(endpoint)) endpoint = await endpoint;
  // 6. The generic handler for the method, with its security check (§3.5, §6.3). Once the
  //    controller is known, the hooks of the controllers walked join the app's (§5.3, §5.4):
  //    a request that fails before this point runs the app hooks only, as in Pecan.
  let handler = pickHandler(endpoint, request);
  if (isPromise(handler)) handler = await handler;
  const { fn, meta } = handler;
  state.controller = fn;
  if (endpoint.hooks) useControllerHooks(state, endpoint.hooks);
  // 7. Content negotiation: the extension's type, or the Accept header (§3.3–3.4).
  negotiateContentType(request, meta, app.logger);
  // 8. Params: query, JSON or form body (§2.1).
  let params = collectParams(request);
  if (isPromise(params)) params = await params;
  request.params = params;
  // 9. Arguments from the signature (§2.2–2.4); explicit mode passes (req, res) first (§7.2).
  const signature = meta.signature!;
  const prefix = app.contextLocals
    ? NO_PREFIX
    : explicitPrefix(state, meta.label, signature.params.length);
  //    Nested RestControllers' parent ids come first (§2.2 step 2).
  const remainder = withRoutingArgs(request, endpoint.remainder);
  const bound = bindArguments(signature, meta.label, remainder, params, prefix.length);
  state.arguments = prefix.length ? { ...bound, args: [...prefix, ...bound.args] } : bound;
  // 10. before hooks (§5.3).
  if (state.chains.before !== null) {
    const pending = runHooks(state.chains.before, 'before', state);
    if (pending !== undefined) await pending;
  }
  // 11. Call the controller, then render its result (§3.2).
  let result: unknown = fn.apply(endpoint.self, callArguments(signature, bound, prefix));
  if (isPromise(result)) result = await result;
  const rendering = applyResult(app, state, meta, result);
  if (rendering !== undefined) await rendering;
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
async function handleError(app: App, state: State, error: unknown): Promise<void> {
  const httpError = error instanceof HTTPError ? error : null;
  if (httpError !== null) state.request.pecan.originalError = httpError;
  // DESIGN §4: state.response is the response that will be sent (Pecan left its 200 in place).
  state.response =
    httpError !== null
      ? errorResponse(httpError, state.request)
      : unhandledResponse(app, state, error);
  if (state.chains.onError !== null) {
    let replacement: PecanResponse | undefined;
    try {
      replacement = await runErrorHooks(state.chains.onError, state, error);
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
  }
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
): void {
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
}

/**
 * Error handling of the request story (§0.1 step 5, §8): what a failed request answers, and
 * what is logged. lifecycle.ts calls it when a stage fails, then runs the after hooks as usual.
 */
import type { App } from './app.js';
import type { State } from './state.js';
import type { PecanResponse } from '../core/response.js';
import { HTTPError } from '../core/errors.js';
import { errorResponse } from '../core/error-response.js';
import { getMeta } from '../controller/meta.js';
import { allowedMethods } from '../dispatch/generic.js';
import { runErrorHooks } from '../hooks/run-hooks.js';

/**
 * The error's response becomes `state.response` — an HTTPError's own, or the opaque 500 (the
 * debug page in debug mode) that answers any other error — then the onError hooks run, and the
 * first response one returns replaces it (§5.3). A non-HTTP error no hook answered is logged.
 */
export function handleError(app: App, state: State, error: unknown): void | Promise<void> {
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

/** §8.3: an unhandled error is logged and answered with a 500 that reveals nothing (§8.6: in
 * debug mode, the debug page). */
export function serverError(app: App, state: State, error: unknown): PecanResponse {
  logUnhandled(app, state, error);
  return unhandledResponse(app, state, error);
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

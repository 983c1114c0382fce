import type { PecanRequest } from '../core/request.js';
import type { PecanResponse } from '../core/response.js';

/**
 * The app as one runtime-neutral function: a pecan request (its body attached) in, the response
 * to send out. Both entry points call it; each edge layer (static files, error documents,
 * `wrapApp`) is a `PecanHandler` around the next one, with the core lifecycle innermost.
 */
export type PecanHandler = (request: PecanRequest) => Promise<PecanResponse>;

/**
 * What the adapters call: the handler above, or — when no edge layer is configured — the
 * lifecycle itself, which answers synchronously when nothing in the request was asynchronous.
 */
export type AppHandler = (request: PecanRequest) => PecanResponse | Promise<PecanResponse>;

/** Pecan's `wrap_app`: called once by `makeApp` with the app, returns what to use instead. */
export type WrapApp = (app: PecanHandler) => PecanHandler;

import type { StaticOptions } from './static-files.js';
import type { WrapApp } from './handler.js';
import type { NodeMiddleware } from './node-middleware.js';
import type { Logger } from '../core/logger.js';

/** The `makeApp` options of the edge layers around the request story (§0.1). */
export interface EdgeOptions {
  /** Error documents: status → path served for that status (§8.4). */
  errors?: Record<number | string, string>;
  /**
   * Folder of static files (§13), served in debug mode — or always with `serveStatic`. A file
   * shadows any route with the same path.
   */
  staticRoot?: string;
  /**
   * Serve `staticRoot` whatever `debug` says (`true`, or options such as `{ index: true }`);
   * `false` turns it off in debug mode too. Default: serve only in debug mode, as Pecan.
   */
  serveStatic?: boolean | StaticOptions;
  /** Pecan's `wrap_app`: wraps the app's handler once, innermost (§0.1); both entry points. */
  wrapApp?: WrapApp;
  /** Connect/Express-style `(req, res, next)` middleware around the Node entry point. */
  middleware?: NodeMiddleware[];
  /**
   * Request ids: `true` honours an incoming `X-Request-Id` (or makes one) and sends it back;
   * a string names another header. The id is `request.id` and is in the access log.
   */
  requestId?: boolean | string;
  /**
   * One record per request (method, path, status, duration, bytes, request id): `true` writes
   * JSON lines to stdout, or give a logger (pino or any `Logger`). See docs/deployment.md.
   */
  accessLog?: boolean | Logger;
}

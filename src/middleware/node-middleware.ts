/**
 * Connect/Express-style middleware around the Node entry point:
 * `makeApp(root, { middleware: [helmet(), cors()] })`. The first one listed is the outermost;
 * the app (static files, error documents, the lifecycle) is called by the last `next()`.
 * Node-only: they need Node's `req`/`res`, which `app.fetch` does not have.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import { renderErrorBody } from '../core/error-body.js';

/**
 * `(req, res, next)`: call `next()` to go on, `next(error)` to fail, or answer with `res`.
 * Declared as a method so its parameters are checked bivariantly: middleware typed for
 * Express's `Request`/`Response` (subtypes of Node's) is accepted, as Connect does at runtime.
 */
export type NodeMiddleware = {
  middleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
}['middleware'];

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The listener that runs `stack` in order before `app`. */
export function runNodeMiddleware(
  stack: readonly NodeMiddleware[],
  app: Listener,
  logger: Logger,
): Listener {
  return (req, res) => {
    const step = (index: number): void => {
      const layer = stack[index];
      if (layer === undefined) {
        app(req, res);
        return;
      }
      let called = false;
      const next = (error?: unknown): void => {
        // A second call would run the rest of the chain (and the app) twice.
        if (called) return;
        called = true;
        if (error !== undefined && error !== null && error !== false) fail(req, res, error, logger);
        else step(index + 1);
      };
      try {
        layer(req, res, next);
      } catch (error) {
        if (!called) next(error);
        else fail(req, res, error, logger);
      }
    };
    step(0);
  };
}

/** A middleware failed: a logged, opaque 500 (§8.3), unless it had already answered. */
function fail(req: IncomingMessage, res: ServerResponse, error: unknown, logger: Logger): void {
  logger.error(`pecan: middleware failed for ${req.method} ${req.url}`, error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { contentType, body } = renderErrorBody(
    { status: 500, title: 'Internal Server Error', detail: undefined },
    'text',
  );
  res.writeHead(500, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

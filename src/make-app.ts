import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type AppOptions } from './core/app.js';
import { handleNode } from './adapters/node.js';
import { handleFetch } from './adapters/fetch.js';

/** A pecan application: a Node request listener that also answers Fetch requests. */
export interface PecanApp {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Handles a Fetch `Request` (Bun, Deno, workers, tests). */
  fetch(request: Request): Promise<Response>;
  /** The resolved application (root controller, options, hooks). */
  readonly app: App;
}

/**
 * Builds the app around a root controller (an instance, or a class to instantiate):
 * `http.createServer(makeApp(new RootController()))` or `await app.fetch(request)`.
 */
export function makeApp(root: unknown, options: AppOptions = {}): PecanApp {
  const app = new App(root, options);
  const listener = (req: IncomingMessage, res: ServerResponse): void => handleNode(app, req, res);
  return Object.assign(listener, {
    fetch: (request: Request) => handleFetch(app, request),
    app,
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type AppCoreOptions } from './app/app.js';
import { handleNode } from './adapters/node.js';
import { handleFetch } from './adapters/fetch.js';
import { compileTrustedProxies } from './adapters/trusted-proxy.js';
import { buildHandler } from './middleware/build-handler.js';
import { runNodeMiddleware } from './middleware/node-middleware.js';
import { debugPage } from './middleware/debug-page.js';
import type { EdgeOptions } from './middleware/edge-options.js';
import { createAccessLogger } from './logging/access-logger.js';
import { createLogger, isLogger } from './logging/create-logger.js';
import type { Logger } from './core/logger.js';
import { buildOpenApi } from './openapi/build-openapi.js';
import { serveOpenApi } from './openapi/serve-openapi.js';
import type { OpenApiDocument, OpenApiOptions } from './openapi/openapi-types.js';

/** `makeApp`'s options: the app's own (the request story) and the edge's (the layers around it). */
export interface AppOptions extends AppCoreOptions, EdgeOptions {
  /**
   * The OpenAPI document's info, JSON Schema converter and security schemes; `serve: true`
   * serves it at `/openapi.json` with a page at `/docs` (docs/typed-apis.md "OpenAPI").
   */
  openapi?: OpenApiOptions;
}

/** A pecan application: a Node request listener that also answers Fetch requests. */
export interface PecanApp {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Handles a Fetch `Request` (Bun, Deno, workers, tests). */
  fetch(request: Request): Promise<Response>;
  /** The resolved application (root controller, options, hooks). */
  readonly app: App;
  /** The app's OpenAPI 3.1 document, from its controller tree and its `openapi` options. */
  openapi(overrides?: OpenApiOptions): OpenApiDocument;
}

/**
 * Builds the app around a root controller (an instance, or a class to instantiate):
 * `http.createServer(makeApp(new RootController()))` or `await app.fetch(request)`.
 */
export function makeApp(root: unknown, given: AppOptions = {}): PecanApp {
  const options = camelCaseKeys(given);
  const app = new App(root, options);
  // A mistyped proxy address fails here, not on the first request it would have refused.
  if (typeof app.trustProxy !== 'boolean') compileTrustedProxies(app.trustProxy);
  // §0.1 step 5: the debug page answers unhandled errors, in debug mode only.
  if (app.debug) app.unhandledPage = debugPage;
  app.requestIdHeader = requestIdHeader(options.requestId);
  app.accessLog = accessLogger(options.accessLog);
  // The edge layers around the lifecycle (§0.1), shared by both entry points.
  const openapi = (overrides?: OpenApiOptions): OpenApiDocument =>
    buildOpenApi(app, { ...options.openapi, ...overrides });
  let handler = buildHandler(app, options);
  // Outermost: the document answers its own two paths before static files and the app.
  if (options.openapi?.serve === true) {
    handler = serveOpenApi(handler, app, options.openapi, openapi);
  }
  const serve = (req: IncomingMessage, res: ServerResponse): void =>
    handleNode(app, handler, req, res);
  const middleware = options.middleware ?? [];
  // Connect-style middleware wraps the Node entry point only: it needs Node's req/res.
  const listener = middleware.length > 0 ? runNodeMiddleware(middleware, serve, app.logger) : serve;
  let warned = middleware.length === 0;
  return Object.assign(listener, {
    fetch: (request: Request) => {
      if (!warned) {
        warned = true;
        app.logger.warn('pecan: app.fetch does not run the Node `middleware` of this app');
      }
      return handleFetch(app, handler, request);
    },
    app,
    openapi,
  });
}

/** DESIGN §5.1: Pecan's snake_case option names (`force_canonical`) are aliases. */
function camelCaseKeys(options: AppOptions): AppOptions {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    result[key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return result as AppOptions;
}

/** `requestId: true` → `X-Request-Id`; a string names the header; anything else: no ids. */
function requestIdHeader(option: boolean | string | undefined): string | null {
  if (option === true) return 'X-Request-Id';
  return typeof option === 'string' && option !== '' ? option : null;
}

/** `accessLog: true` → JSON lines on stdout; a logger (pino, console…) is used as `pecan.access`. */
function accessLogger(option: boolean | Logger | undefined): Logger | null {
  if (option === true) return createAccessLogger();
  return isLogger(option) ? createLogger(option, 'pecan.access') : null;
}

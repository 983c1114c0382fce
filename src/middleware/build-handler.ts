/**
 * The edge "onion" `makeApp` builds around the lifecycle, in Python Pecan's order (§0.1, innermost
 * first): the app, `wrapApp`, error documents, static files. Pecan's RecursiveMiddleware is the
 * lifecycle's internal-redirect loop plus `forwardRequest`; its DebugMiddleware is the
 * lifecycle's server-error page. With none of the options set, the handler is the lifecycle.
 */
import type { App } from '../app/app.js';
import { HTTPError } from '../core/errors.js';
import { errorResponse } from '../core/error-response.js';
import { handle } from '../app/lifecycle.js';
import { PecanResponse } from '../core/response.js';
import type { StaticFileSystem } from './file-system.js';
import type { AppHandler, PecanHandler, WrapApp } from './handler.js';
import type { EdgeOptions } from './edge-options.js';
import { serveErrorDocuments } from './error-documents.js';
import { serveStaticFiles, type ResolvedStaticOptions } from './static-files.js';
import { staticIndexError, wrapAppError, wrapAppResponseError } from '../core/pecan-errors.js';

export function buildHandler(app: App, edge: EdgeOptions): AppHandler {
  const staticOptions = resolveStaticOptions(app, edge);
  const wrapApp = edge.wrapApp;
  const errors = errorDocuments(edge.errors);
  // No edge layer: the adapters call the lifecycle directly (and may get a sync answer).
  if (wrapApp === undefined && errors.size === 0 && staticOptions === null) {
    return (request) => handle(app, request);
  }
  let handler: PecanHandler = async (request) => handle(app, request);
  if (wrapApp !== undefined) handler = wrapHandler(app, handler, wrapApp);
  if (errors.size > 0) handler = serveErrorDocuments(handler, errors, app.logger);
  if (staticOptions !== null) handler = serveStaticFiles(handler, staticOptions);
  return handler;
}

/** DESIGN §5.11: error-document keys may be numbers or strings. */
function errorDocuments(given: EdgeOptions['errors']): ReadonlyMap<number, string> {
  return new Map(Object.entries(given ?? {}).map(([status, path]) => [Number(status), path]));
}

/** `wrap_app` is called once (§0.1); what it returns must answer every request. */
function wrapHandler(app: App, inner: PecanHandler, wrapApp: WrapApp): PecanHandler {
  const wrapped: unknown = wrapApp(inner);
  if (typeof wrapped !== 'function') throw wrapAppError();
  const handler = wrapped as PecanHandler;
  return async (request) => {
    try {
      const response: unknown = await handler(request);
      if (response instanceof PecanResponse) return response;
      throw wrapAppResponseError(response);
    } catch (error) {
      // Pecan lets it reach the WSGI server, which answers 500; here: logged, opaque (§8.3).
      app.logger.error(`pecan: wrapApp failed for ${request.method} ${request.rawPath}`, error);
      return errorResponse(new HTTPError(500), request);
    }
  };
}

/**
 * §0.1 step 6: static files only in debug mode, as Pecan — `serveStatic` turns them on (or off)
 * whatever the mode. Pecan warns and ignores `static_root` outside debug mode; so do we.
 */
function resolveStaticOptions(app: App, edge: EdgeOptions): ResolvedStaticOptions | null {
  const { staticRoot, serveStatic } = edge;
  const given = typeof serveStatic === 'object' ? serveStatic : {};
  const fileSystem =
    given.fileSystem ?? (staticRoot !== undefined ? lazyNodeFileSystem(staticRoot) : null);
  if (serveStatic === false) return null;
  if (serveStatic === undefined && !app.debug) {
    if (staticRoot !== undefined)
      app.logger.warn(
        'pecan: staticRoot is ignored: static files are served in debug mode, or with serveStatic: true',
      );
    return null;
  }
  if (fileSystem === null) {
    if (serveStatic !== undefined)
      app.logger.warn('pecan: serveStatic is ignored: there is no staticRoot to serve');
    return null;
  }
  return {
    fileSystem,
    index: indexName(given.index),
    cacheControl: given.cacheControl ?? 'public',
    dotfiles: given.dotfiles === true,
    basePath: app.basePath,
    logger: app.logger,
  };
}

function indexName(index: boolean | string | undefined): string | null {
  if (index === undefined || index === false) return null;
  if (index === true) return 'index.html';
  if (index === '' || index === '.' || index === '..' || /[/\\\0]/.test(index))
    throw staticIndexError(index);
  return index;
}

/** `node:fs` is loaded only when static files are served from disk. */
function lazyNodeFileSystem(root: string): StaticFileSystem {
  let loaded: StaticFileSystem | null = null;
  let loading: Promise<StaticFileSystem> | null = null;
  return {
    find(segments) {
      if (loaded !== null) return loaded.find(segments);
      loading ??= import('./node-file-system.js').then(
        ({ nodeFileSystem }) => (loaded = nodeFileSystem(root)),
      );
      return loading.then((fileSystem) => fileSystem.find(segments));
    },
  };
}

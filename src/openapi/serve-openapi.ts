/**
 * Serving the document (`openapi: { serve: true }`, off by default): `GET /openapi.json` and a
 * documentation page (`GET /docs`), below the app's `basePath`, in front of the app, through
 * both entry points. Everything else goes on to the app untouched, synchronously.
 */
import { HTTPError } from '../core/errors.js';
import { errorResponse } from '../core/error-response.js';
import { PecanResponse } from '../core/response.js';
import type { App } from '../app/app.js';
import type { AppHandler } from '../middleware/handler.js';
import { renderDocsPage } from './docs-page.js';
import type { OpenApiDocument, OpenApiOptions } from './openapi-types.js';

export function serveOpenApi(
  next: AppHandler,
  app: App,
  options: OpenApiOptions,
  build: () => OpenApiDocument,
): AppHandler {
  const jsonPath = app.basePath + (options.jsonPath ?? '/openapi.json');
  const docsPath = app.basePath + (options.docsPath ?? '/docs');
  // Built once, on the first request for it: the controller tree is fixed once the app runs.
  let bodies: { json: string; html: string } | null = null;
  const serve = (request: Parameters<AppHandler>[0], html: boolean): PecanResponse => {
    try {
      if (bodies === null) {
        const document = build();
        bodies = { json: JSON.stringify(document), html: renderDocsPage(document, jsonPath) };
      }
    } catch (error) {
      app.logger.error('pecan: the OpenAPI document could not be built', error);
      return errorResponse(new HTTPError(500), request);
    }
    return new PecanResponse(html ? bodies.html : bodies.json, {
      headers: { 'content-type': html ? 'text/html; charset=UTF-8' : 'application/json' },
    });
  };
  return (request) => {
    const path = request.rawPath;
    if (path !== jsonPath && path !== docsPath) return next(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const error = new HTTPError(405, { headers: { Allow: 'GET, HEAD' } });
      return errorResponse(error, request);
    }
    return serve(request, path === docsPath);
  };
}

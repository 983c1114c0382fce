/**
 * Error documents (pecan-reference §8.4, Pecan's `ErrorDocumentMiddleware` + the forwarding half
 * of `RecursiveMiddleware`, §8.5): a response whose status is mapped in `errors` is replaced by
 * the mapped page, fetched by forwarding the same request, under the original status line.
 */
import { HTTPError } from '../core/errors.js';
import { closeStream } from '../core/finalize.js';
import { forwardRequest, lastForward } from '../core/forward.js';
import { PecanResponse } from '../core/response.js';
import { statusReason } from '../core/status.js';
import type { Logger } from '../core/logger.js';
import type { PecanRequest } from '../core/request.js';
import type { PecanHandler } from './handler.js';
import { isDebugPage } from './debug-page.js';

export function serveErrorDocuments(
  next: PecanHandler,
  errors: ReadonlyMap<number, string>,
  logger: Logger,
): PecanHandler {
  return (request) =>
    next(request).then((response) =>
      errors.has(response.status) && !isDebugPage(response)
        ? fetchErrorPage(next, request, response, errors, logger)
        : response,
    );
}

async function fetchErrorPage(
  next: PecanHandler,
  request: PecanRequest,
  failed: PecanResponse,
  errors: ReadonlyMap<number, string>,
  logger: Logger,
): Promise<PecanResponse> {
  const { status, statusText } = failed;
  // Pecan keeps the paths a request was forwarded through; revisiting one is a loop (§8.5).
  const visited = new Set([request.rawPath, lastForward(request).rawPath]);
  let from = request;
  let response = failed;
  let page = errors.get(status)!;
  for (;;) {
    const originalError = errorOf(from, response.status);
    discardBody(response);
    // §8.4: a `?query` in the mapped path becomes the query string; otherwise it is cleared.
    const pageRequest = forwardRequest(from, page, '');
    if (visited.has(pageRequest.rawPath)) {
      logger.error(
        `pecan: the error page for ${status} could not be fetched: forwarding loop on ` +
          `${pageRequest.rawPath} (visited: ${[...visited].join(', ')})`,
      );
      return pageLoopResponse(failed);
    }
    visited.add(pageRequest.rawPath);
    // §8.2: the page reads the error it documents.
    if (originalError !== undefined) pageRequest.pecan.originalError = originalError;
    response = await next(pageRequest);
    const nextPage = errors.get(response.status);
    if (nextPage === undefined) {
      // §8.4: the page's headers and body under the original status line.
      response.status = status;
      response.statusText = statusText;
      return response;
    }
    // The page failed with a mapped status too: Pecan forwards again, keeping the first status.
    from = pageRequest;
    page = nextPage;
  }
}

/**
 * The HTTP error behind a response: the one the lifecycle recorded on the (last forwarded)
 * request, or — for a status a controller set without raising — one made for that status.
 */
function errorOf(request: PecanRequest, status: number): HTTPError | undefined {
  const recorded = lastForward(request).pecan.originalError;
  if (recorded !== undefined) return recorded;
  return statusReason(status) !== undefined && status >= 300 && status <= 599
    ? new HTTPError(status)
    : undefined;
}

/** §8.4: the page maps back to itself or revisits a path. Pecan's exact text. */
function pageLoopResponse(failed: PecanResponse): PecanResponse {
  const response = new PecanResponse(
    `Error: ${failed.status} ${failed.reason}.  (Error page could not be fetched)`,
  );
  response.status = failed.status;
  response.statusText = failed.statusText;
  response.headers.set('Content-Type', 'text/plain');
  return response;
}

/** The replaced response is never sent: a streamed body is closed so its source is freed. */
function discardBody(response: PecanResponse): void {
  const body = response.body;
  if (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) closeStream(body);
  response.body = null;
}

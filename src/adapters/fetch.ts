import type { App } from '../app/app.js';
import type { AppHandler } from '../middleware/handler.js';
import { PecanRequest, type BodyReader } from '../core/request.js';
import type { PecanResponse } from '../core/response.js';
import { readFetchBody } from './read-body.js';
import { renderErrorBody } from '../core/error-body.js';
import { lastForward } from '../core/forward.js';
import { forwardedFor } from '../core/forwarded.js';
import { fetchObserver } from './fetch-observers.js';
import { writeAccessRecord } from './access-log.js';
import { assignRequestId } from './request-id.js';

class FetchBodyReader implements BodyReader {
  readonly hasBody: boolean;
  constructor(private readonly request: Request) {
    this.hasBody = request.body !== null && request.headers.get('content-length') !== '0';
  }
  read(limit: number, into: { body: Buffer }): Promise<Buffer> {
    return readFetchBody(this.request, limit, into);
  }
}

/** `app.fetch(request)`: the Fetch API entry point (Bun, Deno, workers, tests). */
export async function handleFetch(
  app: App,
  handler: AppHandler,
  fetchRequest: Request,
): Promise<Response> {
  const url = new URL(fetchRequest.url);
  // Keep the path exactly as received (still encoded): routing decodes it itself.
  const afterOrigin = fetchRequest.url.slice(url.origin.length);
  const q = afterOrigin.indexOf('?');
  const hash = afterOrigin.indexOf('#');
  const end = hash === -1 ? afterOrigin.length : hash;
  const request = new app.requestCls({
    method: fetchRequest.method,
    // A list of trusted proxies needs the peer's address, which a Fetch Request does not carry.
    origin:
      app.trustProxy === true
        ? { scheme: url.protocol.slice(0, -1), host: url.host, trustProxy: true }
        : url.origin,
    rawPath: (q === -1 ? afterOrigin.slice(0, end) : afterOrigin.slice(0, q)) || '/',
    queryString: q === -1 ? '' : afterOrigin.slice(q + 1, end),
    headers: fetchRequest.headers,
    scriptName: app.basePath,
  });
  if (app.requestIdHeader !== null) assignRequestId(request, app.requestIdHeader);
  const started = app.accessLog === null ? 0 : performance.now();
  request.attachBody(new FetchBodyReader(fetchRequest), app.bodyLimit, app.jsonLimits);
  const response = await handler(request);
  fetchObserver(fetchRequest)?.(lastForward(request));
  if (app.requestIdHeader !== null) response.headers.set(app.requestIdHeader, request.id);
  const head = fetchRequest.method === 'HEAD';
  let answer: Response;
  try {
    answer = toFetchResponse(response, head, (error) =>
      app.logger.error(
        `pecan: response body failed for ${request.method} ${request.rawPath}`,
        error,
      ),
    );
  } catch (error) {
    // A header or status a Fetch Response refuses (e.g. a non-Latin-1 value): a logged,
    // opaque 500 (§8.3) rather than a rejected `app.fetch`.
    app.logger.error(
      `pecan: failed to send a response for ${request.method} ${request.rawPath}`,
      error,
    );
    const { contentType, body } = renderErrorBody(INTERNAL_ERROR, 'text');
    const headers = new Headers({ 'Content-Type': contentType });
    if (app.requestIdHeader !== null) headers.set(app.requestIdHeader, request.id);
    answer = new Response(head ? null : body, { status: 500, headers });
  }
  if (app.accessLog !== null) logFetchAccess(app, request, response, answer, head, started);
  return answer;
}

/**
 * The access record of a Fetch exchange: the duration runs to the Response's creation (its
 * body is read later, by the runtime), and the bytes are known for a body that is not a stream.
 */
function logFetchAccess(
  app: App,
  request: PecanRequest,
  response: PecanResponse,
  answer: Response,
  head: boolean,
  started: number,
): void {
  const body = response.body;
  const bytes =
    head || answer.body === null
      ? 0
      : typeof body === 'string'
        ? Buffer.byteLength(body)
        : body instanceof Uint8Array
          ? body.byteLength
          : undefined;
  writeAccessRecord(app.accessLog!, {
    method: request.method,
    path:
      request.queryString === '' ? request.rawPath : `${request.rawPath}?${request.queryString}`,
    status: answer.status,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    bytes,
    requestId: app.requestIdHeader === null ? undefined : request.id,
    // Fetch gives no peer address; behind a trusted proxy, the one it reports.
    remoteAddress: (app.trustProxy === true ? forwardedFor(request.headers) : null) ?? undefined,
    httpVersion: undefined,
  });
}

const INTERNAL_ERROR = { status: 500, title: 'Internal Server Error', detail: undefined };

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function toFetchResponse(
  response: PecanResponse,
  head: boolean,
  onStreamError?: (error: unknown) => void,
): Response {
  const headers = new Headers();
  for (const [name, value] of response.headers) headers.append(name, value);
  const body = response.body;
  let payload: BodyInit | null = null;
  if (typeof body === 'string' || body instanceof Uint8Array || body === null) {
    const length =
      body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    if (!NULL_BODY_STATUSES.has(response.status)) headers.set('Content-Length', String(length));
    if (body !== null && body.length > 0) payload = body as BodyInit;
  } else {
    payload = body instanceof ReadableStream ? body : iterableStream(body, onStreamError);
  }
  if (head || NULL_BODY_STATUSES.has(response.status)) {
    // A stream that will not be sent is closed, so the controller's generator finishes.
    if (payload instanceof ReadableStream) payload.cancel().catch(() => {});
    payload = null;
  }
  return new Response(payload, { status: response.status, statusText: response.reason, headers });
}

function iterableStream(
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let step: IteratorResult<Uint8Array | string>;
      try {
        step = await iterator.next();
      } catch (error) {
        // Headers are sent: the body can only fail (the runtime cuts it short); log why (§8.3).
        onError?.(error);
        throw error;
      }
      const { done, value } = step;
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

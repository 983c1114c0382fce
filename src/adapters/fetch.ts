import type { App } from '../core/app.js';
import { handle } from '../core/lifecycle.js';
import { PecanRequest } from '../core/request.js';
import type { PecanResponse } from '../core/response.js';
import type { BodyReader } from '../binding/collect-params.js';
import { readFetchBody } from '../binding/read-body.js';

class FetchBodyReader implements BodyReader {
  readonly hasBody: boolean;
  constructor(private readonly request: Request) {
    this.hasBody = request.body !== null && request.headers.get('content-length') !== '0';
  }
  read(limit: number): Promise<Buffer> {
    return readFetchBody(this.request, limit);
  }
}

/** `app.fetch(request)`: the Fetch API entry point (Bun, Deno, workers, tests). */
export async function handleFetch(app: App, fetchRequest: Request): Promise<Response> {
  const url = new URL(fetchRequest.url);
  // Keep the path exactly as received (still encoded): routing decodes it itself.
  const afterOrigin = fetchRequest.url.slice(url.origin.length);
  const q = afterOrigin.indexOf('?');
  const hash = afterOrigin.indexOf('#');
  const end = hash === -1 ? afterOrigin.length : hash;
  const request = new PecanRequest({
    method: fetchRequest.method,
    origin: url.origin,
    rawPath: (q === -1 ? afterOrigin.slice(0, end) : afterOrigin.slice(0, q)) || '/',
    queryString: q === -1 ? '' : afterOrigin.slice(q + 1, end),
    headers: fetchRequest.headers,
    scriptName: app.basePath,
  });
  const response = await handle(app, request, new FetchBodyReader(fetchRequest));
  return toFetchResponse(response, fetchRequest.method === 'HEAD');
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function toFetchResponse(response: PecanResponse, head: boolean): Response {
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
    payload = body instanceof ReadableStream ? body : iterableStream(body);
  }
  if (head || NULL_BODY_STATUSES.has(response.status)) payload = null;
  return new Response(payload, { status: response.status, statusText: response.reason, headers });
}

function iterableStream(
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

import type { PecanResponse, ResponseBody } from './response.js';

function isEmptyBody(body: ResponseBody): boolean {
  return (
    body === null || ((typeof body === 'string' || body instanceof Uint8Array) && body.length === 0)
  );
}

function isBytes(body: ResponseBody): body is string | Uint8Array | null {
  return body === null || typeof body === 'string' || body instanceof Uint8Array;
}

/**
 * §7.9: a 200 without a body becomes 204 (a stream is peeked for its first chunk), and 204/304
 * responses carry no Content-Type.
 */
export function normaliseEmptyBody(response: PecanResponse): void | Promise<void> {
  if (response.status === 200) {
    if (isBytes(response.body)) {
      if (isEmptyBody(response.body)) response.status = 204;
    } else {
      return peekStream(response).then(() => dropContentType(response));
    }
  }
  dropContentType(response);
}

function dropContentType(response: PecanResponse): void {
  if (response.status === 204 || response.status === 304) {
    response.headers.delete('content-type');
    if (!isBytes(response.body)) closeStream(response.body);
    response.body = null;
  }
}

/** A stream that will not be sent is closed, so its source can free what it holds. */
export function closeStream(body: Exclude<ResponseBody, string | Uint8Array | null>): void {
  const ignore = () => {};
  if (body instanceof ReadableStream) {
    body.cancel().catch(ignore);
    return;
  }
  const iterator =
    Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  const closing = iterator.return?.();
  if (closing instanceof Promise) closing.catch(ignore);
}

async function peekStream(response: PecanResponse): Promise<void> {
  const body = response.body as Exclude<ResponseBody, string | Uint8Array | null>;
  if (body instanceof ReadableStream) {
    const reader = body.getReader();
    const first = await reader.read();
    if (first.done) {
      response.status = 204;
      return;
    }
    response.body = prepend(first.value, {
      next: () => reader.read() as Promise<IteratorResult<Chunk>>,
      // The client left early (or a HEAD): cancel the source so it frees what it holds.
      return: () =>
        reader.cancel().then(
          () => DONE,
          () => DONE,
        ),
    });
    return;
  }
  const iterator =
    Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  const first = await iterator.next();
  if (first.done) {
    response.status = 204;
    return;
  }
  response.body = prepend(first.value, iterator);
}

type Chunk = Uint8Array | string;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The peeked first chunk, then the rest. Written by hand rather than as a generator: closing
 * it must close `rest` even before anything was read (a HEAD, or a client that left after the
 * headers), and a generator closed before its first `next()` runs no `finally`. So the
 * controller's own generator always gets to run its `finally`.
 */
function prepend(
  first: Chunk,
  rest: Iterator<Chunk> | AsyncIterator<Chunk>,
): AsyncIterableIterator<Chunk> {
  let pending: Chunk | null = first;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (pending === null) return Promise.resolve(rest.next());
      const value = pending;
      pending = null;
      return Promise.resolve({ done: false, value });
    },
    async return() {
      pending = null;
      await rest.return?.();
      return DONE;
    },
  };
}

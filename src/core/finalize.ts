import type { PecanResponse, ResponseBody } from './response.js';
import { streamChunkError } from './pecan-errors.js';

function isEmptyBody(body: ResponseBody): boolean {
  return (
    body === null || ((typeof body === 'string' || body instanceof Uint8Array) && body.length === 0)
  );
}

function isBytes(body: ResponseBody): body is string | Uint8Array | null {
  return body === null || typeof body === 'string' || body instanceof Uint8Array;
}

/**
 * §7.9: a 200 without a body becomes 204, and 204/304 responses carry no Content-Type. A stream
 * is peeked for its first chunk whatever the status (but 204 and 304): it decides the 204, and a first chunk that
 * is not a string or bytes fails here, while a clean 500 can still be answered.
 */
export function normaliseEmptyBody(response: PecanResponse): void | Promise<void> {
  // A 204 or 304 sends no body: its stream is closed unread (it might never end).
  if (!isBytes(response.body) && response.status !== 204 && response.status !== 304)
    return peekStream(response).then(() => dropContentType(response));
  if (response.status === 200 && isEmptyBody(response.body)) response.status = 204;
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
  let rest: Iterator<unknown> | AsyncIterator<unknown>;
  if (body instanceof ReadableStream) {
    const reader = (body as ReadableStream<unknown>).getReader();
    rest = {
      next: () => reader.read() as Promise<IteratorResult<unknown>>,
      // The client left early (or a HEAD): cancel the source so it frees what it holds.
      return: () =>
        reader.cancel().then(
          () => DONE,
          () => DONE,
        ),
    };
  } else {
    rest = Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  }
  const first = await rest.next();
  if (first.done) {
    if (response.status === 200) response.status = 204;
    response.body = null;
    return;
  }
  if (!isChunk(first.value)) {
    await closeIterator(rest);
    throw streamChunkError(describeChunk(first.value));
  }
  response.body = prepend(first.value, rest);
}

function isChunk(value: unknown): value is Chunk {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function describeChunk(value: unknown): string {
  if (typeof value === 'object' && value !== null)
    return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return value === null ? 'null' : `a ${typeof value}`;
}

async function closeIterator(iterator: Iterator<unknown> | AsyncIterator<unknown>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // The stream is abandoned because of the error being reported; its own failure adds nothing.
  }
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
  rest: Iterator<unknown> | AsyncIterator<unknown>,
): AsyncIterableIterator<Chunk> {
  let pending: Chunk | null = first;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<Chunk>> {
      if (pending !== null) {
        const value = pending;
        pending = null;
        return { done: false, value };
      }
      const next = await rest.next();
      if (next.done || isChunk(next.value)) return next as IteratorResult<Chunk>;
      // The headers are sent: the adapter cuts the response short and logs this (§8.3).
      await closeIterator(rest);
      throw streamChunkError(describeChunk(next.value));
    },
    async return() {
      pending = null;
      await rest.return?.();
      return DONE;
    },
  };
}

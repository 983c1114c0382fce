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
    response.body = null;
  }
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
    response.body = prepend(first.value, readerChunks(reader));
    return;
  }
  const iterator =
    Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  const first = await iterator.next();
  if (first.done) {
    response.status = 204;
    return;
  }
  response.body = prepend(first.value, {
    [Symbol.asyncIterator]: () => iterator as AsyncIterator<Uint8Array | string>,
  });
}

async function* readerChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* prepend(
  first: Uint8Array | string,
  rest: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array | string> {
  yield first;
  yield* rest;
}

// Reading a request body into one Buffer, never more than `limit` bytes (DESIGN §4 `bodyLimit`,
// §5.12: too large → 413, a client that goes away → 400). This file sits at the edge: it is
// the one place in binding/ that knows about node:http.
import type { IncomingMessage } from 'node:http';
import { HTTPError } from '../core/errors.js';

const EMPTY = Buffer.alloc(0);

function tooLarge(limit: number): HTTPError {
  return new HTTPError(413, `Request body is larger than the limit of ${limit} bytes`);
}

function aborted(): HTTPError {
  return new HTTPError(400, 'Request body aborted');
}

/** A Content-Length header that already promises more than `limit` bytes. */
function declaresTooMuch(contentLength: string | null | undefined, limit: number): boolean {
  return contentLength !== null && contentLength !== undefined && Number(contentLength) > limit;
}

/** Where a reader stores the body before it settles (the pecan request), if anywhere. */
type Sink = { body: Buffer } | undefined;

function stored(into: Sink, body: Buffer): Buffer {
  if (into !== undefined) into.body = body;
  return body;
}

/**
 * Reads a Node request body. Over the limit (announced or counted) it rejects with a 413 and
 * pauses the request instead of destroying it or draining it: the socket must stay writable
 * for the 413 response, and draining a huge body would do the work the limit exists to
 * avoid. The caller sends that response with `Connection: close`, so Node closes the socket
 * rather than waiting for the rest of the body. Every listener is removed once settled.
 */
export function readNodeBody(req: IncomingMessage, limit: number, into?: Sink): Promise<Buffer> {
  const contentLength = req.headers['content-length'];
  if (declaresTooMuch(contentLength, limit)) return Promise.reject(tooLarge(limit));
  // HTTP/1 without Content-Length or Transfer-Encoding has no body; nothing will arrive.
  if (contentLength === '0') return Promise.resolve(stored(into, EMPTY));
  if (contentLength === undefined && req.headers['transfer-encoding'] === undefined) {
    if (req.httpVersionMajor === 1) return Promise.resolve(stored(into, EMPTY));
  }
  // Already read to the end elsewhere: waiting for 'end' would hang.
  if (req.readableEnded) return Promise.resolve(stored(into, EMPTY));
  if (req.destroyed) return Promise.reject(aborted());

  return new Promise<Buffer>((resolve, reject) => {
    collectNodeBody(req, limit, (body) => {
      if (body instanceof HTTPError) reject(body);
      else resolve(stored(into, body));
    });
  });
}

/**
 * Reads a Node request stream to its end and hands `done` the body, or the error to answer
 * with: a 413 past `limit`, a 400 when the stream closes or fails first. Every listener is
 * removed once it settles. Used by `readNodeBody` and by the adapter's read-ahead.
 */
export function collectNodeBody(
  req: IncomingMessage,
  limit: number,
  done: (body: Buffer | HTTPError) => void,
): void {
  let first: Buffer | null = null;
  let chunks: Buffer[] | null = null;
  let total = 0;
  const cleanup = (): void => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onAborted);
    req.off('close', onAborted);
  };
  function onData(chunk: Buffer): void {
    total += chunk.length;
    if (total > limit) {
      cleanup();
      req.pause();
      done(tooLarge(limit));
    } else if (first === null) first = chunk;
    else (chunks ??= [first]).push(chunk);
  }
  function onEnd(): void {
    cleanup();
    // One chunk (a small body) is the body as it is: no copy.
    done(chunks !== null ? Buffer.concat(chunks, total) : (first ?? EMPTY));
  }
  // 'close' before 'end' means the body will never be complete: a client that went away
  // (Node's deprecated 'aborted' always comes just before that 'close'). 'error' is heard
  // too: a request stream other than Node's own may emit it, and unheard it would throw.
  function onAborted(): void {
    cleanup();
    done(aborted());
  }
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onAborted);
  req.on('close', onAborted);
}

/**
 * Reads a Fetch request body with the same rules. Over the limit the stream is cancelled:
 * unlike a socket, nothing else needs it.
 */
export async function readFetchBody(request: Request, limit: number, into?: Sink): Promise<Buffer> {
  const stream = request.body;
  if (declaresTooMuch(request.headers.get('content-length'), limit)) {
    if (stream !== null && !stream.locked) stream.cancel().catch(ignore);
    throw tooLarge(limit);
  }
  if (stream === null) return stored(into, EMPTY);
  const reader = stream.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch {
        throw aborted();
      }
      if (result.done) break;
      const chunk = result.value;
      total += chunk.byteLength;
      if (total > limit) {
        reader.cancel().catch(ignore);
        throw tooLarge(limit);
      }
      // A view, not a copy.
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 0) return stored(into, EMPTY);
  return stored(into, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
}

function ignore(): void {}

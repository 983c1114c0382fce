/**
 * Small request bodies are read before the lifecycle runs. A body of a few KiB arrives with its
 * headers, so reading it at once costs no waiting, and the whole pass then runs synchronously in
 * the stream's 'end' callback: no promise, no promise-hook calls (context locals), no microtask
 * hops, where reading it at stage 8 costs a promise at every step back to the socket. Bigger or
 * chunked bodies are still read when stage 8 needs them, so a request refused before (a 404, a
 * 401 from a hook) never waits for a large upload (docs/performance.md step 13). The adapter
 * reads it with `collectNodeBody` (read-body.ts), the reader stage 8 uses.
 */
import type { IncomingMessage } from 'node:http';

/** The largest body read ahead: Node 20's default buffer for a request stream (16 KiB). */
export const READ_AHEAD_BYTES = 16 * 1024;

/**
 * Whether the body is read ahead: a method that may carry one (not GET or HEAD, whose params
 * never include a body), a Content-Length of 1 byte to the smaller of 16 KiB and the app's
 * `bodyLimit`, no Transfer-Encoding, and a stream nobody read yet.
 */
export function readsAhead(req: IncomingMessage, limit: number): boolean {
  const method = req.method;
  if (method === 'GET' || method === 'HEAD') return false;
  const length = req.headers['content-length'];
  if (length === undefined || req.headers['transfer-encoding'] !== undefined) return false;
  const bytes = Number(length);
  return (
    bytes > 0 &&
    bytes <= limit &&
    bytes <= READ_AHEAD_BYTES &&
    !req.readableEnded &&
    !req.destroyed &&
    typeof req.on === 'function'
  );
}

/**
 * The access log: one record per finished request, with separate fields — method, path, status,
 * duration, bytes, request id — through the app's `accessLog` logger (pino or the built-in
 * writer, whose JSON lines carry the fields as keys). 5xx at error, 4xx at warn, the rest at info.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { PecanRequest } from '../core/request.js';
import { forwardedFor } from '../core/forwarded.js';
import { SHOWN_IN_MESSAGE, type LogFields } from '../logging/log-fields.js';

export interface AccessRecord {
  method: string;
  /** The request target as received: path and query string. */
  path: string;
  status: number;
  /** From the request's arrival to the last byte of the response, in milliseconds. */
  durationMs: number;
  /** Body bytes sent; undefined when not known (a streamed body through `app.fetch`). */
  bytes: number | undefined;
  requestId: string | undefined;
  remoteAddress: string | undefined;
  httpVersion: string | undefined;
  /** Set when the client went away before the response was complete. */
  aborted?: true;
}

/** `127.0.0.1 "GET /books/ HTTP/1.1" 200 3.1ms 512B id=…`, the line the text format prints. */
export function accessLine(record: AccessRecord): string {
  const version = record.httpVersion === undefined ? '' : ` HTTP/${record.httpVersion}`;
  const bytes = record.bytes === undefined ? '-' : `${record.bytes}B`;
  const id = record.requestId === undefined ? '' : ` id=${record.requestId}`;
  const aborted = record.aborted ? ' (aborted)' : '';
  return `${record.remoteAddress ?? '-'} "${record.method} ${record.path}${version}" ${record.status} ${record.durationMs}ms ${bytes}${id}${aborted}`;
}

export function writeAccessRecord(logger: Logger, record: AccessRecord): void {
  const fields: LogFields = { ...record, [SHOWN_IN_MESSAGE]: true };
  if (record.bytes === undefined) delete fields.bytes;
  if (record.requestId === undefined) delete fields.requestId;
  if (record.remoteAddress === undefined) delete fields.remoteAddress;
  if (record.httpVersion === undefined) delete fields.httpVersion;
  const line = accessLine(record);
  if (record.status >= 500) logger.error(line, fields);
  else if (record.status >= 400) logger.warn(line, fields);
  else logger.info(line, fields);
}

function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

type Write = (chunk?: unknown, ...rest: unknown[]) => unknown;

/**
 * Node: counts the body bytes as they are written and logs when the response is done (or the
 * connection closed first). Only installed when the access log is on.
 */
export function trackNodeAccess(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  request: PecanRequest,
  withId: boolean,
  trusted: boolean,
): void {
  const started = performance.now();
  let bytes = 0;
  const writable = res as unknown as { write: Write; end: Write };
  const write = writable.write;
  const end = writable.end;
  writable.write = function (this: unknown, chunk, ...rest) {
    bytes += byteSize(chunk);
    return write.call(this, chunk, ...rest);
  };
  writable.end = function (this: unknown, chunk, ...rest) {
    bytes += byteSize(chunk);
    return end.call(this, chunk, ...rest);
  };
  res.once('close', () => {
    writeAccessRecord(logger, {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: res.statusCode,
      durationMs: roundMs(performance.now() - started),
      bytes,
      requestId: withId ? request.id : undefined,
      // Behind a trusted proxy the socket is the proxy; the client is what it reports.
      remoteAddress: (trusted ? forwardedFor(request.headers) : null) ?? req.socket?.remoteAddress,
      httpVersion: req.httpVersion,
      ...(res.writableFinished ? {} : { aborted: true as const }),
    });
  });
}

function byteSize(chunk: unknown): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk);
  return chunk instanceof Uint8Array ? chunk.byteLength : 0;
}

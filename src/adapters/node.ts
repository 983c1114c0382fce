import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { App } from '../app/app.js';
import type { AppHandler } from '../middleware/handler.js';
import {
  PecanRequest,
  type BodyReader,
  type OriginParts,
  type RequestHeaders,
} from '../core/request.js';
import { PecanResponse } from '../core/response.js';
import { collectNodeBody, readNodeBody } from './read-body.js';
import { readsAhead } from './read-ahead.js';
import { HTTPError } from '../core/errors.js';
import { renderErrorBody } from '../core/error-body.js';
import { trackNodeAccess } from './access-log.js';
import { assignRequestId } from './request-id.js';
import { trustsPeer } from './trusted-proxy.js';

/**
 * `request.headers` over Node's request. Most requests need two or three headers: those are read
 * from `req.rawHeaders` with Node's own rules for repeated names, which measures a little cheaper
 * than looking them up in Node's header object (Node 20 builds that object for every HTTP/1.1
 * request before the listener runs: it reads Host and Expect). The object is used when a request
 * wants all of them (`forEach`) or the server joins duplicates its own way.
 */
class NodeRequestParts implements RequestHeaders, BodyReader {
  private announcesBody: boolean | undefined = undefined;

  constructor(private readonly req: IncomingMessage) {}

  /** Whether the request announces a body (Content-Length > 0, or a Transfer-Encoding). */
  get hasBody(): boolean {
    if (this.announcesBody === undefined) {
      const length = this.get('content-length');
      this.announcesBody = length !== null ? length !== '0' : this.has('transfer-encoding');
    }
    return this.announcesBody;
  }

  read(limit: number, into: { body: Buffer }): Promise<Buffer> {
    return readNodeBody(this.req, limit, into);
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    const req = this.req;
    const raw = req.rawHeaders as string[] | undefined;
    // A stand-in request without a raw list (a test double), or a server that joins repeated
    // headers its own way: Node's header object says it.
    if (raw === undefined || (req as { joinDuplicateHeaders?: boolean }).joinDuplicateHeaders)
      return joined(req.headers[key]);
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const field = raw[i]!;
      if (field.length !== key.length || (field !== key && field.toLowerCase() !== key)) continue;
      if (value === null) value = raw[i + 1]!;
      else if (key === 'cookie') value = `${value}; ${raw[i + 1]!}`;
      else if (!SINGLE_VALUED.has(key)) value = `${value}, ${raw[i + 1]!}`;
    }
    return value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  forEach(fn: (value: string, name: string) => void): void {
    const all = this.req.headers;
    for (const name of Object.keys(all)) fn(joined(all[name])!, name);
  }
}

/** Headers Node keeps the first of when repeated (`IncomingMessage.headers`, Node 20). */
const SINGLE_VALUED: ReadonlySet<string> = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

function joined(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

// The origin's parts before the Host header is read (lazily, see `PecanRequest.origin`).
const HTTP: OriginParts = Object.freeze({ scheme: 'http', host: null });
const HTTPS: OriginParts = Object.freeze({ scheme: 'https', host: null });
const HTTP_PROXIED: OriginParts = Object.freeze({ scheme: 'http', host: null, trustProxy: true });
const HTTPS_PROXIED: OriginParts = Object.freeze({ scheme: 'https', host: null, trustProxy: true });

/** Builds the pecan request from Node's; no Fetch objects on this path. */
export function nodeRequest(
  app: App,
  req: IncomingMessage,
  trusted: boolean = trustsPeer(app, req.socket?.remoteAddress),
): PecanRequest {
  let target = req.url ?? '/';
  if (!target.startsWith('/')) target = absoluteFormPath(target);
  const q = target.indexOf('?');
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  return new app.requestCls({
    method: req.method ?? 'GET',
    // Built only if used: most requests never need their absolute URL.
    origin: trusted ? (encrypted ? HTTPS_PROXIED : HTTP_PROXIED) : encrypted ? HTTPS : HTTP,
    rawPath: q === -1 ? target : target.slice(0, q),
    queryString: q === -1 ? '' : target.slice(q + 1),
    headers: new NodeRequestParts(req),
    scriptName: app.basePath,
  });
}

/** A proxy-style request target (`http://host/path?q`) or `*`: route on its path. */
function absoluteFormPath(target: string): string {
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return `/${target}`;
  }
}

/** The Node request listener: `http.createServer(app)`. */
export function handleNode(
  app: App,
  handler: AppHandler,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  // X-Forwarded-* count only from a trusted proxy (the `trustProxy` option).
  const trusted = app.trustProxy !== false && trustsPeer(app, req.socket?.remoteAddress);
  const request = nodeRequest(app, req, trusted);
  // Request ids and the access log are off unless asked for: two checks on the hot path.
  if (app.requestIdHeader !== null) assignRequestId(request, app.requestIdHeader);
  if (app.accessLog !== null)
    trackNodeAccess(app.accessLog, req, res, request, app.requestIdHeader !== null, trusted);
  // The same object reads the headers and the body.
  request.attachBody(request.headers as NodeRequestParts, app.bodyLimit, app.jsonLimits);
  // A small body first, then the whole pass in one go (read-ahead.ts).
  if (readsAhead(req, app.bodyLimit)) {
    collectNodeBody(req, app.bodyLimit, (body) => {
      if (body instanceof HTTPError) request.refuseBody(body);
      else request.receivedBody(body);
      respond(app, handler, request, req, res);
    });
    return;
  }
  respond(app, handler, request, req, res);
}

/** Runs the app's handler and sends what it answers. */
function respond(
  app: App,
  handler: AppHandler,
  request: PecanRequest,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  let answer: PecanResponse | Promise<PecanResponse>;
  try {
    answer = handler(request);
  } catch (error) {
    sendFailure(app, request, req, res, error);
    return;
  }
  // A synchronous answer is written at once: no promise, no microtask hop.
  if (answer instanceof PecanResponse) send(app, request, req, res, answer);
  else
    answer.then(
      (response) => send(app, request, req, res, response),
      (error: unknown) => sendFailure(app, request, req, res, error),
    );
}

function send(
  app: App,
  request: PecanRequest,
  req: IncomingMessage,
  res: ServerResponse,
  response: PecanResponse,
): void {
  // A body refused for its size was left unread: the connection cannot be reused.
  if (response.status === 413) response.headers.set('Connection', 'close');
  if (app.requestIdHeader !== null) response.headers.set(app.requestIdHeader, request.id);
  try {
    writeNode(res, response, req.method === 'HEAD', (error) =>
      app.logger.error(`pecan: response body failed for ${req.method} ${req.url}`, error),
    );
  } catch (error) {
    // A header or status Node refuses to write (e.g. a non-Latin-1 value): never an
    // unhandled rejection, which would take the whole process down.
    sendFailure(app, request, req, res, error);
  }
}

/** The last resort when no response could be produced or written: a logged, opaque 500 (§8.3). */
function sendFailure(
  app: App,
  request: PecanRequest,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
): void {
  app.logger.error(`pecan: failed to send a response for ${req.method} ${req.url}`, error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { contentType, body } = renderErrorBody(INTERNAL_ERROR, 'text');
  const headers: Record<string, string | number> = {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  };
  if (app.requestIdHeader !== null) headers[app.requestIdHeader] = request.id;
  res.writeHead(500, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const INTERNAL_ERROR = { status: 500, title: 'Internal Server Error', detail: undefined };

/** Writes a finished response; HEAD gets the headers (with the full length) and no body (§7.10). */
export function writeNode(
  res: ServerResponse,
  response: PecanResponse,
  head: boolean,
  onStreamError?: (error: unknown) => void,
): void {
  const body = response.body;
  const headers = response.headers;
  if (typeof body === 'string' || body instanceof Uint8Array || body === null) {
    const length =
      body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    if (response.status !== 304 && !(response.status === 204 && length === 0))
      headers.setContentLength(length);
    res.writeHead(response.status, response.reason, headers.toRawList());
    if (head || body === null) res.end();
    else res.end(body);
    return;
  }
  res.writeHead(response.status, response.reason, headers.toRawList());
  // A Node stream (a static file) is piped as it is; anything else is adapted.
  const stream =
    body instanceof Readable
      ? body
      : body instanceof ReadableStream
        ? Readable.fromWeb(body as import('node:stream/web').ReadableStream)
        : Readable.from(body);
  if (head) {
    stream.destroy();
    res.end();
    return;
  }
  // Headers are sent: a failing body can only be cut short (never shown), but it is logged (§8.3).
  stream.on('error', (error) => {
    onStreamError?.(error);
    res.destroy();
  });
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

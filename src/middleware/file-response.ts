// The response for one static file (§13), with the conditional and range support Pecan lacks.
import { HTTPError } from '../core/errors.js';
import { errorResponse } from '../core/error-response.js';
import { PecanResponse } from '../core/response.js';
import { lookup } from 'mrmime';
import type { PecanRequest } from '../core/request.js';
import type { StaticFile } from './file-system.js';
import { chooseRange, entityTag, isNotModified } from './file-conditions.js';

// A HEAD (or an empty file) sends no bytes but keeps the Content-Length set here: an empty
// stream, because the adapters measure a string or byte body themselves.
const NOTHING: Iterable<Uint8Array> = Object.freeze([]);

/**
 * §13: `200` with the file for any method (Pecan never special-cases the method), its type from
 * the name (else `text/plain`), `Cache-Control`, `Last-Modified` in RFC 1123 form. Added: an
 * `ETag`, `304` for If-None-Match / If-Modified-Since and `206`/`416` for a single Range, on
 * GET and HEAD; HEAD sends no body.
 */
export function fileResponse(
  request: PecanRequest,
  file: StaticFile,
  name: string,
  cacheControl: string,
): PecanResponse {
  const etag = entityTag(file.size, file.mtimeMs);
  const response = new PecanResponse();
  const headers = response.headers;
  headers.set('Date', new Date().toUTCString());
  headers.set('Cache-Control', cacheControl);
  headers.set('Last-Modified', new Date(file.mtimeMs).toUTCString());
  headers.set('ETag', etag);
  const method = request.method;
  const head = method === 'HEAD';
  if (head || method === 'GET') {
    if (isNotModified(request.headers, etag, file.mtimeMs)) {
      response.status = 304;
      return response;
    }
    const range = chooseRange(request.headers, file.size, etag, file.mtimeMs);
    if (range === 'unsatisfiable') return unsatisfiable(request, file.size);
    if (range !== 'whole') {
      response.status = 206;
      headers.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
      return withBody(response, file, name, range.start, range.end, head);
    }
  }
  return withBody(response, file, name, 0, file.size - 1, head);
}

function withBody(
  response: PecanResponse,
  file: StaticFile,
  name: string,
  start: number,
  end: number,
  head: boolean,
): PecanResponse {
  const headers = response.headers;
  headers.set('Accept-Ranges', 'bytes');
  headers.set('Content-Type', contentTypeOf(name));
  headers.set('Content-Length', end - start + 1);
  response.body = head || end < start ? NOTHING : file.read(start, end);
  return response;
}

function unsatisfiable(request: PecanRequest, size: number): PecanResponse {
  const response = errorResponse(new HTTPError(416), request);
  response.headers.set('Content-Range', `bytes */${size}`);
  return response;
}

/**
 * §13: the type for the file name's extension from mime-db (through `mrmime`), else
 * `application/octet-stream`: a file pecan cannot name is bytes, never text a browser would
 * render (Pecan said `text/plain`). No charset is added.
 */
function contentTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot === -1 ? undefined : lookup(name.slice(dot + 1))) ?? 'application/octet-stream';
}

import { PecanRequest } from './request.js';

// Which request each request was forwarded to, so the error-document layer can find the error
// of the last one (an internal redirect replaces the request inside the lifecycle).
const successors = new WeakMap<PecanRequest, PecanRequest>();

/**
 * The same request sent on to another path of the app — Pecan's `ForwardRequestException`,
 * used by internal redirects (§7.6) and error documents (§8.4). Method, headers, body and
 * `request.context` are kept (§7.3); `location` is relative to the mount point (PATH_INFO), and
 * a `?query` in it replaces the query string, which is otherwise `query`.
 */
export function forwardRequest(from: PecanRequest, location: string, query: string): PecanRequest {
  const at = location.indexOf('?');
  // The same class as the first request: an app's `requestCls` holds for forwarded ones too.
  const next = new (from.constructor as typeof PecanRequest)({
    method: from.method,
    origin: from.origin,
    rawPath: from.scriptName + (at === -1 ? location : location.slice(0, at)),
    queryString: at === -1 ? query : location.slice(at + 1),
    headers: from.headers,
    scriptName: from.scriptName,
  });
  next.inheritBody(from);
  next.context = from.context;
  successors.set(from, next);
  return next;
}

/** The request `request` was last forwarded to, following every hop (itself if none). */
export function lastForward(request: PecanRequest): PecanRequest {
  let current = request;
  for (let next = successors.get(current); next !== undefined; next = successors.get(current))
    current = next;
  return current;
}

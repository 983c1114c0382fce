import { getMeta } from '../controller/meta.js';
import { HTTPError } from '../core/errors.js';
import { isPromise } from '../core/is-promise.js';
import { routeShapeError } from '../core/pecan-errors.js';
import type { PecanRequest } from '../core/request.js';
import { crossBoundary } from '../security/boundary.js';
import { endpoint, isEndpoint, type Found } from './endpoint.js';

/**
 * §1.7: `_route(remainder, request)` takes over and names the endpoint: it returns
 * `[exposedFn, remainder]`, `[exposedFn, remainder, self]` (the object to call it on), or an
 * endpoint found by `lookupController`. The returned controller is behind a boundary (§6.2).
 */
export function delegateRoute(
  routeFn: Function,
  self: object,
  remainder: string[],
  request: PecanRequest,
): Found {
  const result: unknown = routeFn.call(self, remainder, request);
  // No closure per request: a synchronous `_route` (the common case) is finished directly.
  return isPromise(result)
    ? result.then((value) => finish(value, routeFn, self, request))
    : finish(result, routeFn, self, request);
}

function finish(value: unknown, routeFn: Function, self: object, request: PecanRequest): Found {
  if (!Array.isArray(value) && isEndpoint(value)) {
    const check = crossBoundary(routeFn, value.fn, request, self);
    return isPromise(check) ? check.then(() => value) : value;
  }
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) throw routeShapeError();
  const fn: unknown = value[0];
  const rest: unknown = value[1];
  const owner: unknown = value[2] === undefined ? self : value[2];
  const meta = getMeta(fn);
  if (meta === undefined) throw new HTTPError(404);
  const found = endpoint(fn as Function, meta, owner, Array.isArray(rest) ? asStrings(rest) : []);
  const check = crossBoundary(routeFn, fn, request, self);
  return isPromise(check) ? check.then(() => found) : found;
}

/** The segments a `_route` returned, as strings (the array itself when they already are). */
function asStrings(values: unknown[]): string[] {
  for (const value of values) if (typeof value !== 'string') return values.map(String);
  return values as string[];
}

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
  const finish = (value: unknown): Found => {
    if (!Array.isArray(value) && isEndpoint(value)) {
      const check = crossBoundary(routeFn, value.fn, request, self);
      return isPromise(check) ? check.then(() => value) : value;
    }
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) throw routeShapeError();
    const [fn, rest, owner = self] = value as [unknown, unknown, unknown];
    const meta = getMeta(fn);
    if (meta === undefined) throw new HTTPError(404);
    const found = endpoint(fn as Function, meta, owner, Array.isArray(rest) ? asStrings(rest) : []);
    const check = crossBoundary(routeFn, fn, request, self);
    return isPromise(check) ? check.then(() => found) : found;
  };
  return isPromise(result) ? result.then(finish) : finish(result);
}

/** The segments a `_route` returned, as strings (the array itself when they already are). */
function asStrings(values: unknown[]): string[] {
  for (const value of values) if (typeof value !== 'string') return values.map(String);
  return values as string[];
}

import { HTTPError } from '../core/errors.js';
import type { ControllerMeta } from '../controller/meta.js';
import type { Endpoint } from './endpoint.js';
import type { PecanRequest } from '../core/request.js';
import { checkEndpoint } from '../security/boundary.js';
import { isPromise } from '../core/is-promise.js';

export interface Handler {
  fn: Function;
  meta: ControllerMeta;
}

/**
 * §3.5: a generic controller answers with the handler registered for the request method, or
 * with itself for every other method. A `@when` handler reached by its own name is a 404. The
 * chosen handler's own security check runs here (§6.3).
 */
export function pickHandler(endpoint: Endpoint, request: PecanRequest): Handler | Promise<Handler> {
  const meta = endpoint.meta;
  if (meta.isGenericHandler) throw new HTTPError(404);
  if (!meta.generic) return endpoint;
  const handler = meta.handlers?.get(request.method);
  if (handler === undefined) return endpoint;
  const check = checkEndpoint(handler.fn, endpoint.self, request);
  return isPromise(check) ? check.then(() => handler) : handler;
}

/** §3.5: the `Allow` header for a 405 raised by a generic controller — its registered methods. */
export function allowedMethods(meta: ControllerMeta | undefined): string | null {
  if (!meta?.generic || !meta.handlers || meta.handlers.size === 0) return null;
  return [...meta.handlers.keys()].sort().join(', ');
}

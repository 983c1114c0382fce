import { HTTPError } from '../core/errors.js';
import type { PecanRequest } from '../core/request.js';
import { isPromise } from '../core/is-promise.js';
import type { SecurityCheck } from './marks.js';
import { checkNameError } from '../core/pecan-errors.js';

/**
 * Calls one permission check (§6.1). A string names a method of `holder`, looked up at request
 * time on the object and then on its class (Pecan accepts classmethods).
 */
export function callCheck(check: SecurityCheck, holder: unknown, request: PecanRequest): unknown {
  return typeof check === 'string' ? callNamedCheck(check, holder, request) : check(request);
}

/**
 * A falsy answer is a 401 (§6.2 step 1): a plain HTTP error, with no `WWW-Authenticate` header
 * and the usual error body (§6.2 step 9). An error the check threw (e.g. its own 403) has
 * already propagated; a rejected promise propagates the same way.
 */
export function enforce(granted: unknown): void | Promise<void> {
  if (isPromise(granted)) return granted.then(deny);
  deny(granted);
}

function deny(granted: unknown): void {
  if (!granted) throw new HTTPError(401);
}

function callNamedCheck(name: string, holder: unknown, request: PecanRequest): unknown {
  if (holder !== null && (typeof holder === 'object' || typeof holder === 'function')) {
    const own = (holder as Record<string, unknown>)[name];
    if (typeof own === 'function') return (own as Function).call(holder, request);
    const ctor: unknown = (holder as { constructor?: unknown }).constructor;
    const onClass =
      typeof ctor === 'function' ? (ctor as unknown as Record<string, unknown>)[name] : undefined;
    if (typeof onClass === 'function') return (onClass as Function).call(ctor, request);
  }
  throw checkNameError(name, describe(holder));
}

function describe(holder: unknown): string {
  if (holder === undefined || holder === null) return 'the (missing) parent controller';
  const ctor = (holder as { constructor?: { name?: string } }).constructor;
  return ctor?.name ? `${ctor.name}` : 'the controller';
}

/** Runs `first` then `second`, awaiting only what is really asynchronous. */
export function thenRun(
  first: void | Promise<void>,
  second: () => void | Promise<void>,
): void | Promise<void> {
  if (isPromise(first)) return first.then(second);
  return second();
}

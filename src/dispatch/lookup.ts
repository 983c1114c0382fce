/**
 * Object dispatch (§1.2): the walk (walk.ts), and when it fails the fallbacks (fallbacks.ts),
 * until an endpoint answers — whose own security check runs last (walk-state.ts `secured`).
 * From the app's root, memo-lookup.ts adds the memo of pure walks.
 */
import { isPromise } from '../core/is-promise.js';
import type { PecanRequest } from '../core/request.js';
import type { Endpoint, Found } from './endpoint.js';
import { recover, type Recovered } from './fallbacks.js';
import { walkFrom } from './walk.js';
import { Walk, secured } from './walk-state.js';

/**
 * Walks `segments` from `root` and returns the endpoint, trying the `_lookup`/`_default`
 * fallbacks (deepest first) when the walk ends in a 404 or 405. `prev` is the `_lookup` or
 * `_route` method that handed over `root`, `owner` the controller it belongs to.
 */
export function lookupController(
  root: unknown,
  segments: string[],
  request: PecanRequest,
  prev: unknown = undefined,
  owner: unknown = undefined,
): Found {
  return walkAll(new Walk(root, segments, request, prev, owner, null));
}

/** A chain of `_lookup` restarts is a loop, not a recursion: the client's URL sets its length. */
export function walkAll(first: Walk): Found {
  let walk = first;
  for (;;) {
    let recovered: Recovered;
    try {
      const found = walkFrom(walk);
      if (!isPromise<Endpoint>(found)) return secured(found, walk);
      const current = walk;
      return found.then(
        (resolved) => secured(resolved, current),
        (error: unknown) => settle(recover(error, current)),
      );
    } catch (error) {
      recovered = recover(error, walk);
    }
    if (isPromise(recovered)) return recovered.then(settle);
    if (!(recovered instanceof Walk)) return recovered;
    walk = recovered;
  }
}

function settle(recovered: Recovered): Found {
  if (isPromise(recovered)) return recovered.then(settle);
  return recovered instanceof Walk ? walkAll(recovered) : recovered;
}

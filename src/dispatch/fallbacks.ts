/**
 * When the walk ends in a 404 or 405, the `_lookup`/`_default` fallbacks it passed answer,
 * deepest first (§1.2, §1.5, §1.6): a `_default` is the endpoint itself; a `_lookup` that
 * matches starts a new walk on the controller it returns.
 */
import { HTTPError } from '../core/errors.js';
import { isPromise } from '../core/is-promise.js';
import { endpoint, type Endpoint } from './endpoint.js';
import { acceptsSegments, isMatch, lookupTarget } from './lookup-rules.js';
import { Walk, secured, type Fallback } from './walk-state.js';

/** What a fallback answers: the endpoint, or the next walk to take (maybe once a promise settles). */
export type Recovered = Endpoint | Walk | Promise<Endpoint | Walk>;

/** Tries the fallbacks of `walk` for `error`; rethrows it when none answers. */
export function recover(error: unknown, walk: Walk): Recovered {
  if (!(error instanceof HTTPError) || (error.status !== 404 && error.status !== 405)) throw error;
  // A fallback decides from here on: not a pure walk.
  walk.trail = null;
  for (;;) {
    const fallback = walk.fallbacks?.pop();
    if (fallback === undefined) throw error;
    // Back at the fallback's controller: hooks of controllers walked below it do not apply.
    if (walk.hooks !== null) walk.hooks.length = fallback.hooks;
    const remainder = fallback.segments.slice(fallback.pos);
    // §1.6: a `_default` is itself the endpoint, with the remainder of its level.
    if (fallback.kind === '_default') {
      return secured(endpoint(fallback.fn, fallback.meta, fallback.self, remainder), walk);
    }
    // §1.5: a `_lookup` returns the next controller (or nothing: try the next fallback).
    if (!acceptsSegments(fallback.meta, remainder.length)) continue;
    const result: unknown = fallback.fn.apply(fallback.self, remainder);
    if (isPromise(result)) {
      return result.then((resolved) => continueLookup(resolved, fallback, remainder, error, walk));
    }
    if (isMatch(result)) return continueLookup(result, fallback, remainder, error, walk);
  }
}

function continueLookup(
  result: unknown,
  fallback: Fallback,
  remainder: readonly string[],
  error: HTTPError,
  walk: Walk,
): Recovered {
  if (!isMatch(result)) return recover(error, walk);
  // §1.5: a trailing-slash-only remainder with a positional parameter is still a 404.
  if (
    remainder.length === 1 &&
    remainder[0] === '' &&
    (fallback.meta.signature?.params.length ?? 0) > 0
  ) {
    throw error;
  }
  const target = lookupTarget(result, fallback.meta);
  // The `_lookup` that returned the node is the first security boundary of the new walk (§6.2).
  return new Walk(
    target.node,
    target.segments,
    walk.request,
    fallback.fn,
    fallback.self,
    walk.hooks,
  );
}

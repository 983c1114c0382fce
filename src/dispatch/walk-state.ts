/**
 * One walk of object dispatch (§1.2): where it is and what it collected on the way. The walk
 * (walk.ts) moves it; the fallbacks (fallbacks.ts) restart it; the memo (memo-lookup.ts) reads
 * its trail.
 */
import type { ControllerMeta } from '../controller/meta.js';
import type { PecanRequest } from '../core/request.js';
import type { PecanHook } from '../hooks/pecan-hook.js';
import { isPromise } from '../core/is-promise.js';
import { checkEndpoint, isEndpointSecured } from '../security/boundary.js';
import { withHooks, type Endpoint, type Found } from './endpoint.js';
import type { RoutePoint, Trail } from './route-memo.js';

/** A `_default` or `_lookup` the walk passed, tried deepest first when the walk fails (§1.5–1.6). */
export interface Fallback {
  kind: '_default' | '_lookup';
  fn: Function;
  meta: ControllerMeta;
  self: object;
  /** The fallback's remainder is `segments.slice(pos)`, cut only if the fallback is used. */
  segments: string[];
  pos: number;
  /** How many hooks the walk had collected when it reached this fallback's controller. */
  hooks: number;
}

/**
 * One walk from a controller. A `_lookup` that matches starts a new walk on its controller, with
 * a fresh fallback stack (§1.5) and the hooks so far.
 */
export class Walk {
  /** The object the current node was found on (`this` for an exposed method). */
  parent: unknown = undefined;
  pos = 0;
  /** The `_default`/`_lookup` fallbacks passed, deepest last; `null` until there is one. */
  fallbacks: Fallback[] | null = null;
  /** The attributes read so far, while the walk is pure (route-memo.ts); else `null`. */
  trail: Trail | null = null;
  /**
   * Special methods read from plain objects that cannot change where this walk ends, only where
   * a `_route` below them sends a request it refuses (their `_default`, `_lookup`, and `index`
   * short of the path's end): re-read on a hit only when the walk is remembered as a `_route`.
   */
  routeTrail: Trail | null = null;
  /** Where a pure walk handed over to a `_route`, and how many segments it had used. */
  routed: { point: RoutePoint; pos: number } | null = null;

  constructor(
    public node: unknown,
    readonly segments: string[],
    readonly request: PecanRequest,
    /** The controller (or `_lookup`/`_route` method) the walk comes from, for security (§6.2). */
    public prev: unknown,
    /** When `prev` is a `_lookup`/`_route` method: the controller it belongs to. */
    public owner: unknown,
    /** Hooks of the `HookController`s passed, across restarts, outermost first; `null` for none. */
    public hooks: PecanHook[] | null,
  ) {}
}

/**
 * §6.2 step 1: the endpoint's own check. A non-canonical index redirects before any check
 * (§6.2 step 8). A `_default` fallback is checked too: Pecan returned it unchecked, which left a
 * SecureController's `_default` open to everyone. A secured endpoint is never remembered: its
 * check runs on every request.
 */
export function secured(found: Endpoint, walk: Walk): Found {
  withHooks(found, walk.hooks);
  if (found.nonCanonical) return found;
  if (walk.trail !== null && isEndpointSecured(found.fn, found.self)) walk.trail = null;
  const check = checkEndpoint(found.fn, found.self, walk.request);
  return isPromise(check) ? check.then(() => found) : found;
}

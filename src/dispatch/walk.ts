/**
 * The walk of object dispatch (§1.2 steps 3–13): from controller to controller by attribute,
 * one path segment at a time, to an exposed method — with security at every controller
 * boundary (§6.2), custom segments, `index`, and `_route` delegation. Where it passes a
 * `_default` or `_lookup`, it notes the fallback (fallbacks.ts tries them when it fails).
 */
import { getMeta } from '../controller/meta.js';
import { HTTPError } from '../core/errors.js';
import { isPromise } from '../core/is-promise.js';
import type { PecanHook } from '../hooks/pecan-hook.js';
import { crossBoundary, isBoundarySecured } from '../security/boundary.js';
import { segmentChild } from './child-of.js';
import { classInfo, specialOf, type Exposed } from './class-info.js';
import { endpoint, type Found } from './endpoint.js';
import { delegateRoute } from './route-delegation.js';
import { RoutePoint } from './route-memo.js';
import type { Fallback, Walk } from './walk-state.js';

const CONTINUE = Symbol('continue');

/** Walks from `walk.node` to an endpoint, or throws 404 (or a check's error). */
export function walkFrom(walk: Walk): Found {
  for (;;) {
    const node = walk.node;
    if (node === null || node === undefined) throw new HTTPError(404);
    const meta = getMeta(node);
    if (meta !== undefined) {
      if (meta.route !== null) throw new HTTPError(404); // reachable only by its custom segment (§1.9)
      const found = endpoint(node as Function, meta, walk.parent, walk.segments.slice(walk.pos));
      // §6.2: a method reached by name has no boundary (its own state counts), but one handed
      // over by a `_lookup` is still behind that `_lookup`'s check.
      if (walk.owner === undefined) return found;
      const check = crossBoundary(walk.prev, node, walk.request, walk.owner);
      return isPromise(check) ? check.then(() => found) : found;
    }
    if (typeof node !== 'object' && typeof node !== 'function') throw new HTTPError(404);
    // A walk through a secured boundary is never remembered: the check runs on every request.
    if (walk.trail !== null && isBoundarySecured(walk.prev, node)) walk.trail = null;
    // §6.2: entering a controller from a secured one runs the parent's check. Pecan ran it after
    // the custom segments (§1.9), which let a custom route skip it; here it comes first.
    const check = crossBoundary(walk.prev, node, walk.request, walk.owner);
    if (isPromise(check)) {
      return check.then(() => {
        const step = stepInto(walk, node);
        return step === CONTINUE ? walkFrom(walk) : step;
      });
    }
    const step = stepInto(walk, node);
    if (step !== CONTINUE) return step;
  }
}

/** One controller of the walk (§1.2 steps 3–13): an endpoint, or CONTINUE with the next node. */
function stepInto(walk: Walk, node: object): Found | typeof CONTINUE {
  const segments = walk.segments;
  const pos = walk.pos;
  const segment = segments[pos];
  const info = classInfo(node);
  if (info.hooks !== null) collectHooks(walk, info.hooks);
  if (segment !== undefined && info.routes !== null) {
    const custom = info.routes.get(segment);
    if (custom !== undefined) {
      return endpoint(custom as Function, getMeta(custom)!, node, segments.slice(pos + 1));
    }
  }
  const specials = info.specials;
  // Specials read from the object itself (a plain object's) are re-read on a memo hit: those
  // that decide where the walk ends on its trail, the others only for a `_route` (walk-state.ts).
  const trail = walk.trail;
  const routeTrail = trail === null ? null : walk.routeTrail;
  const ends = segment === undefined || segment === '';
  // §1.4: an exposed index serves the trailing slash; without one the URL is non-canonical.
  const index = specialOf(node, 'index', specials, ends ? trail : routeTrail);
  if (index !== null) {
    if (segment === undefined) {
      return { fn: index.fn, meta: index.meta, self: node, remainder: [], nonCanonical: true };
    }
    if (segment === '') return endpoint(index.fn, index.meta, node, segments.slice(pos + 1));
  }
  pushFallback(walk, node, '_default', specialOf(node, '_default', specials, routeTrail));
  pushFallback(walk, node, '_lookup', specialOf(node, '_lookup', specials, routeTrail));
  const route = specialOf(node, '_route', specials, trail);
  if (route !== null) {
    // A pure walk so far is remembered up to here, unless a fallback above may still answer
    // or the controller itself takes some of the paths below it (an index, custom segments).
    if (walk.trail !== null && walk.fallbacks === null && index === null && info.routes === null) {
      walk.routed = { point: new RoutePoint(route.fn, node, walk.hooks?.slice() ?? null), pos };
    } else walk.trail = null;
    return delegateRoute(route.fn, node, segments.slice(pos), walk.request);
  }
  if (segment === undefined) throw new HTTPError(404);
  const next = segmentChild(node, segment, info);
  // §1.2 step 12: the last-ditch generic index, for the unmatched segment.
  if (!next && walk.fallbacks === null && index?.meta.handlers?.has(walk.request.method)) {
    walk.trail = null; // depends on the request's method
    return endpoint(index.fn, index.meta, node, segments.slice(pos));
  }
  // A `route()` child is fixed by the class scan; any other attribute is re-read on a memo hit.
  if (walk.trail !== null && info.attributes?.has(segment) !== true)
    walk.trail.push(node, segment, next);
  walk.prev = node;
  walk.owner = undefined;
  walk.parent = node;
  walk.node = next;
  walk.pos = pos + 1;
  return CONTINUE;
}

function collectHooks(walk: Walk, hooks: readonly PecanHook[]): void {
  const list = (walk.hooks ??= []);
  for (const hook of hooks) if (!list.includes(hook)) list.push(hook);
}

function pushFallback(
  walk: Walk,
  node: object,
  kind: Fallback['kind'],
  exposed: Exposed | null,
): void {
  if (exposed === null) return;
  (walk.fallbacks ??= []).push({
    kind,
    fn: exposed.fn,
    meta: exposed.meta,
    self: node,
    segments: walk.segments,
    pos: walk.pos,
    hooks: walk.hooks?.length ?? 0,
  });
}

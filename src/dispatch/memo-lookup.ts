/**
 * Object dispatch from the app's root through the app's memo of pure walks (route-memo.ts,
 * DESIGN §6): a path remembered as an endpoint is not walked again; one below a remembered
 * `_route` goes straight to it. Otherwise the path is walked, and remembered when the walk was
 * pure — attribute reads only, no fallback, no security boundary.
 */
import { isPromise } from '../core/is-promise.js';
import { checkEndpoint } from '../security/boundary.js';
import type { PecanRequest } from '../core/request.js';
import { isDataProperty } from './class-info.js';
import { withHooks, type Endpoint, type Found } from './endpoint.js';
import { walkAll } from './lookup.js';
import { delegateRoute } from './route-delegation.js';
import { RoutePoint, type RouteMemo, type Trail } from './route-memo.js';
import { splitPath } from './split-path.js';
import { Walk } from './walk-state.js';

/** How many levels above a path a remembered `_route` is looked for (`/users` for `/users/7`). */
const ROUTE_LEVELS = 3;

export function lookupRoot(
  root: unknown,
  path: string,
  request: PecanRequest,
  memo: RouteMemo,
): Found {
  const remembered = memo.get(path);
  if (remembered !== undefined) {
    return remembered instanceof RoutePoint ? routeAt(remembered, [], request) : remembered;
  }
  for (let cut = path.length, level = 0; cut > 0 && level < ROUTE_LEVELS; level++) {
    cut = path.lastIndexOf('/', cut - 1);
    if (cut < 0) break;
    const above = memo.get(path.slice(0, cut));
    if (above === undefined) continue;
    if (above instanceof RoutePoint) return routeAt(above, splitPath(path.slice(cut)), request);
    break; // an endpoint above: this path is not below a `_route`
  }
  const segments = splitPath(path);
  const walk = new Walk(root, segments, request, undefined, undefined, null);
  walk.trail = [];
  walk.routeTrail = [];
  const found = walkAll(walk);
  const trail = walk.trail as Trail | null; // walkAll may have dropped it
  if (trail === null || isPromise(found)) return found;
  const routed = walk.routed;
  const routeTrail = walk.routeTrail ?? [];
  if (!isFixedWalk(trail) || !isFixedWalk(routeTrail)) return found;
  if (routed === null) memo.set(path, found, trail);
  else {
    const above = routed.pos === 0 ? '' : `/${segments.slice(0, routed.pos).join('/')}`;
    memo.set(above, routed.point, trail.concat(routeTrail));
  }
  return found;
}

/**
 * A remembered `_route` answers for the segments below it, as in the walk (§1.7) — and the
 * endpoint it answers with passes its own security check, as every walked one does
 * (walk-state.ts `secured`): a RestController's `@secure` `delete` stays checked when `GET` of
 * the same resource was remembered first.
 */
function routeAt(point: RoutePoint, remainder: string[], request: PecanRequest): Found {
  const found = delegateRoute(point.fn, point.node, remainder, request);
  return isPromise<Endpoint>(found)
    ? found.then((resolved) => checked(withHooks(resolved, point.hooks), request))
    : checked(withHooks(found, point.hooks), request);
}

function checked(found: Endpoint, request: PecanRequest): Found {
  if (found.nonCanonical) return found;
  const check = checkEndpoint(found.fn, found.self, request);
  return isPromise(check) ? check.then(() => found) : found;
}

/**
 * Checked once, before a walk is remembered: every attribute it read is a data property — a
 * getter may answer differently each time, and re-reading it on a memo hit would call it twice.
 * The trail holds every attribute the walk read from the objects themselves: the segments'
 * children, and the special methods of controllers without a class scan (plain objects) or
 * with their own (class-info.ts `specialOf`); the others come from their class's scan.
 */
function isFixedWalk(trail: Trail): boolean {
  for (let i = 0; i < trail.length; i += 3) {
    if (!isDataProperty(trail[i] as object, trail[i + 1] as string)) return false;
  }
  return true;
}

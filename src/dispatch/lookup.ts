import { HTTPError } from '../core/errors.js';
import { getMeta, type ControllerMeta } from '../controller/meta.js';
import {
  classInfo,
  hasFixedSpecials,
  isDataProperty,
  specialOf,
  type ClassInfo,
  type Exposed,
} from './class-info.js';
import type { PecanRequest } from '../core/request.js';
import { isPromise } from '../core/is-promise.js';
import { crossBoundary, checkEndpoint } from '../security/boundary.js';
import type { PecanHook } from '../hooks/pecan-hook.js';
import { RoutePoint, type RouteMemo, type Trail } from './route-memo.js';
import { splitPath } from './split-path.js';

/** The controller found for a path, with the path segments left over for its arguments. */
export interface Endpoint {
  fn: Function;
  meta: ControllerMeta;
  /** The controller object the function was found on (`this` for the call). */
  self: unknown;
  remainder: string[];
  /** The path ran out on a controller with an `index`: the URL lacks its trailing slash (§1.4). */
  nonCanonical: boolean;
  /** Hooks of the `HookController`s the walk passed through, outermost first (§5.4). */
  hooks?: readonly PecanHook[] | null;
}

interface Fallback {
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

type Found = Endpoint | Promise<Endpoint>;

function notFound(): HTTPError {
  return new HTTPError(404);
}

// The names every object and every function inherits, listed once: an `in` test per segment
// is a dictionary lookup on Object.prototype, at every level of every walk.
const OBJECT_MEMBERS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const FUNCTION_MEMBERS: ReadonlySet<string> = new Set([
  ...OBJECT_MEMBERS,
  ...Object.getOwnPropertyNames(Function.prototype),
  'prototype',
]);

/**
 * A child of a controller by path segment. Only what the user's controllers define is
 * reachable: names inherited from Object.prototype/Function.prototype (`constructor`,
 * `__proto__`, `toString`, …) never are (DESIGN §3 "Safe object dispatch", §5.2).
 */
export function childOf(node: object, name: string, info?: ClassInfo): unknown {
  if ((typeof node === 'function' ? FUNCTION_MEMBERS : OBJECT_MEMBERS).has(name)) return undefined;
  if (info?.hidden?.has(name)) return undefined;
  const attribute = info?.attributes?.get(name);
  if (attribute !== undefined) return attribute;
  return (node as Record<string, unknown>)[name];
}

function endpoint(
  fn: Function,
  meta: ControllerMeta,
  self: unknown,
  remainder: string[],
): Endpoint {
  return { fn, meta, self, remainder, nonCanonical: false };
}

/**
 * One walk from a controller: where it is and what it collected. A `_lookup` that matches
 * starts a new walk on its controller, with a fresh fallback stack (§1.5) and the hooks so far.
 */
class Walk {
  /** The object the current node was found on (`this` for an exposed method). */
  parent: unknown = undefined;
  pos = 0;
  /** The `_default`/`_lookup` fallbacks passed, deepest last; `null` until there is one. */
  fallbacks: Fallback[] | null = null;
  /** The attributes read so far, while the walk is pure (route-memo.ts); else `null`. */
  trail: Trail | null = null;
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

type Recovered = Found | Walk;

/**
 * Object dispatch (§1.2): walk `segments` from `root` and return the endpoint, trying the
 * `_lookup`/`_default` fallbacks (deepest first) when the walk ends in a 404 or 405. `prev` is
 * the `_lookup` or `_route` method that handed over `root`, `owner` the controller it belongs to.
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

/** How many levels above a path a remembered `_route` is looked for (`/users` for `/users/7`). */
const ROUTE_LEVELS = 3;

/**
 * `lookupController` from the app's root for `path`, through `memo` (route-memo.ts): a path
 * remembered as an endpoint is not walked again; one below a remembered `_route` goes straight
 * to it. Otherwise the path is walked, and remembered when the walk was pure (attribute reads
 * only). The caller makes sure nothing is secured.
 */
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
  const found = walkAll(walk);
  const trail = walk.trail as Trail | null; // walkAll may have dropped it
  if (trail === null || isPromise(found)) return found;
  const routed = walk.routed;
  if (routed === null) {
    if (isFixedWalk(trail, found.self)) memo.set(path, found, trail);
  } else if (isFixedWalk(trail, routed.point.node)) {
    const above = routed.pos === 0 ? '' : `/${segments.slice(0, routed.pos).join('/')}`;
    memo.set(above, routed.point, trail);
  }
  return found;
}

/** A remembered `_route` answers for the segments below it, as in the walk (§1.7). */
function routeAt(point: RoutePoint, remainder: string[], request: PecanRequest): Found {
  const found = delegateRoute(point.fn, point.node, remainder, request);
  return isPromise<Endpoint>(found)
    ? found.then((resolved) => withHooks(resolved, point.hooks))
    : withHooks(found, point.hooks);
}

/**
 * Checked once, before a walk is remembered: every controller it went through reads its special
 * methods from its class, and every attribute it read is a data property — a getter may answer
 * differently each time, and re-reading it on a memo hit would call it twice.
 */
function isFixedWalk(trail: Trail, last: unknown): boolean {
  for (let i = 0; i < trail.length; i += 3) {
    const node = trail[i] as object;
    if (!hasFixedSpecials(node) || !isDataProperty(node, trail[i + 1] as string)) return false;
  }
  return last === undefined || hasFixedSpecials(last);
}

/** A chain of `_lookup` restarts is a loop, not a recursion: the client's URL sets its length. */
function walkAll(first: Walk): Found {
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
    if (!(recovered instanceof Walk)) return recovered;
    walk = recovered;
  }
}

/**
 * §6.2 step 1: the endpoint's own check. A non-canonical index redirects before any check
 * (§6.2 step 8). A `_default` fallback is checked too: Pecan returned it unchecked, which left a
 * SecureController's `_default` open to everyone.
 */
function secured(found: Endpoint, walk: Walk): Found {
  withHooks(found, walk.hooks);
  if (found.nonCanonical) return found;
  const check = checkEndpoint(found.fn, found.self, walk.request);
  return isPromise(check) ? check.then(() => found) : found;
}

/**
 * Hands the endpoint the hooks collected along the walk (outer controllers first; DESIGN §5.10).
 * An endpoint a `_route` found with its own walk keeps its hooks after the outer ones.
 */
function withHooks(found: Endpoint, collected: readonly PecanHook[] | null): Endpoint {
  if (collected !== null) {
    const hooks = collected.slice();
    for (const hook of found.hooks ?? []) if (!hooks.includes(hook)) hooks.push(hook);
    found.hooks = hooks;
  }
  return found;
}

function settle(recovered: Recovered): Found {
  return recovered instanceof Walk ? walkAll(recovered) : recovered;
}

function recover(error: unknown, walk: Walk): Recovered {
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
    if (!lookupAccepts(fallback.meta, remainder.length)) continue;
    const result: unknown = fallback.fn.apply(fallback.self, remainder);
    if (isPromise(result)) {
      return result.then((resolved) =>
        settle(continueLookup(resolved, fallback, remainder, error, walk)),
      );
    }
    if (isMatch(result)) return continueLookup(result, fallback, remainder, error, walk);
  }
}

/** Pecan swallows the TypeError of an argument-count mismatch into "no match" (§1.5); JS raises
 * none, so the count is checked against the signature instead (and real errors propagate, §5.7). */
function lookupAccepts(meta: ControllerMeta, count: number): boolean {
  const signature = meta.signature;
  if (signature === null) return true;
  const required = signature.params.filter((p) => !p.hasDefault).length;
  return count >= required && (signature.rest !== null || count <= signature.params.length);
}

/** §1.5: a `_lookup` result that means "no match" (also used by RestController). */
export function isMatch(result: unknown): boolean {
  return !(
    result === undefined ||
    result === null ||
    result === false ||
    (Array.isArray(result) && result.length === 0)
  );
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
  if (!Array.isArray(result) || result.length !== 2 || !Array.isArray(result[1])) {
    throw new TypeError(`${fallback.meta.label} must return [controller, remainingSegments]`);
  }
  // The `_lookup` that returned the node is the first security boundary of the new walk (§6.2).
  const segments = (result[1] as unknown[]).map(String);
  return new Walk(result[0], segments, walk.request, fallback.fn, fallback.self, walk.hooks);
}

const CONTINUE = Symbol('continue');

function walkFrom(walk: Walk): Found {
  for (;;) {
    const node = walk.node;
    if (node === null || node === undefined) throw notFound();
    const meta = getMeta(node);
    if (meta !== undefined) {
      if (meta.route !== null) throw notFound(); // reachable only by its custom segment (§1.9)
      const found = endpoint(node as Function, meta, walk.parent, walk.segments.slice(walk.pos));
      // §6.2: a method reached by name has no boundary (its own state counts), but one handed
      // over by a `_lookup` is still behind that `_lookup`'s check.
      if (walk.owner === undefined) return found;
      const check = crossBoundary(walk.prev, node, walk.request, walk.owner);
      return isPromise(check) ? check.then(() => found) : found;
    }
    if (typeof node !== 'object' && typeof node !== 'function') throw notFound();
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

function collectHooks(walk: Walk, hooks: readonly PecanHook[]): void {
  const list = (walk.hooks ??= []);
  for (const hook of hooks) if (!list.includes(hook)) list.push(hook);
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
  // §1.4: an exposed index serves the trailing slash; without one the URL is non-canonical.
  const index = specialOf(node, 'index', specials);
  if (index !== null) {
    if (segment === undefined) {
      return { fn: index.fn, meta: index.meta, self: node, remainder: [], nonCanonical: true };
    }
    if (segment === '') return endpoint(index.fn, index.meta, node, segments.slice(pos + 1));
  }
  pushFallback(walk, node, '_default', specialOf(node, '_default', specials));
  pushFallback(walk, node, '_lookup', specialOf(node, '_lookup', specials));
  const route = specialOf(node, '_route', specials);
  if (route !== null) {
    // A pure walk so far is remembered up to here, unless a fallback above may still answer
    // or the controller itself takes some of the paths below it (an index, custom segments).
    if (walk.trail !== null && walk.fallbacks === null && index === null && info.routes === null) {
      walk.routed = { point: new RoutePoint(route.fn, node, walk.hooks?.slice() ?? null), pos };
    } else walk.trail = null;
    return delegateRoute(route.fn, node, segments.slice(pos), walk.request);
  }
  if (segment === undefined) throw notFound();
  const next = childOf(node, segment, info);
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

/** A `_route` may also answer with a whole endpoint (e.g. RestController walking a child). */
export function isEndpoint(value: unknown): value is Endpoint {
  return typeof value === 'object' && value !== null && 'nonCanonical' in value && 'meta' in value;
}

/** The segments a `_route` returned, as strings (the array itself when they already are). */
function asStrings(values: unknown[]): string[] {
  for (const value of values) if (typeof value !== 'string') return values.map(String);
  return values as string[];
}

/**
 * §1.7: `_route(remainder, request)` takes over and names the endpoint: it returns
 * `[exposedFn, remainder]`, `[exposedFn, remainder, self]` (the object to call it on), or an
 * endpoint found by `lookupController`. The returned controller is behind a boundary (§6.2).
 */
function delegateRoute(
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
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
      throw new TypeError('_route must return [controller, remainingSegments]');
    }
    const [fn, rest, owner = self] = value as [unknown, unknown, unknown];
    const meta = getMeta(fn);
    if (meta === undefined) throw notFound();
    const found = endpoint(fn as Function, meta, owner, Array.isArray(rest) ? asStrings(rest) : []);
    const check = crossBoundary(routeFn, fn, request, self);
    return isPromise(check) ? check.then(() => found) : found;
  };
  return isPromise(result) ? result.then(finish) : finish(result);
}

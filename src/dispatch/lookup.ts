import { HTTPError } from '../core/errors.js';
import { getMeta, type ControllerMeta } from '../controller/meta.js';
import { classInfo, type ClassInfo } from './class-info.js';
import type { PecanRequest } from '../core/request.js';
import { isPromise } from '../core/is-promise.js';

/** The controller found for a path, with the path segments left over for its arguments. */
export interface Endpoint {
  fn: Function;
  meta: ControllerMeta;
  /** The controller object the function was found on (`this` for the call). */
  self: unknown;
  remainder: string[];
  /** The path ran out on a controller with an `index`: the URL lacks its trailing slash (§1.4). */
  nonCanonical: boolean;
}

interface Fallback {
  kind: '_default' | '_lookup';
  fn: Function;
  meta: ControllerMeta;
  self: object;
  remainder: string[];
}

type Found = Endpoint | Promise<Endpoint>;

function notFound(): HTTPError {
  return new HTTPError(404);
}

/**
 * A child of a controller by path segment. Only what the user's controllers define is
 * reachable: names inherited from Object.prototype/Function.prototype (`constructor`,
 * `__proto__`, `toString`, …) never are (DESIGN §3 "Safe object dispatch", §5.2).
 */
export function childOf(node: object, name: string, info?: ClassInfo): unknown {
  if (name in Object.prototype) return undefined;
  if (typeof node === 'function' && (name in Function.prototype || name === 'prototype'))
    return undefined;
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

/** A `_lookup` matched: dispatch restarts on its controller with a fresh fallback stack (§1.5). */
class Restart {
  constructor(
    readonly node: unknown,
    readonly segments: string[],
  ) {}
}

type Recovered = Found | Restart;

/**
 * Object dispatch (§1.2): walk `segments` from `root` and return the endpoint, trying the
 * `_lookup`/`_default` fallbacks (deepest first) when the walk ends in a 404 or 405. A chain of
 * `_lookup` restarts is a loop, not a recursion: the client's URL sets its length.
 */
export function lookupController(root: unknown, segments: string[], request: PecanRequest): Found {
  let next = new Restart(root, segments);
  for (;;) {
    const fallbacks: Fallback[] = [];
    let recovered: Recovered;
    try {
      const found = findObject(next.node, next.segments, fallbacks, request);
      if (!isPromise<Endpoint>(found)) return found;
      return found.catch((error: unknown) => settle(recover(error, fallbacks, request), request));
    } catch (error) {
      recovered = recover(error, fallbacks, request);
    }
    if (!(recovered instanceof Restart)) return recovered;
    next = recovered;
  }
}

function settle(recovered: Recovered, request: PecanRequest): Found {
  return recovered instanceof Restart
    ? lookupController(recovered.node, recovered.segments, request)
    : recovered;
}

function recover(error: unknown, fallbacks: Fallback[], request: PecanRequest): Recovered {
  if (!(error instanceof HTTPError) || (error.status !== 404 && error.status !== 405)) throw error;
  for (;;) {
    const fallback = fallbacks.pop();
    if (fallback === undefined) throw error;
    // §1.6: a `_default` is itself the endpoint, with the remainder of its level.
    if (fallback.kind === '_default')
      return endpoint(fallback.fn, fallback.meta, fallback.self, fallback.remainder);
    // §1.5: a `_lookup` returns the next controller (or nothing: try the next fallback).
    if (!lookupAccepts(fallback)) continue;
    const result: unknown = fallback.fn.apply(fallback.self, fallback.remainder);
    if (isPromise(result)) {
      return result.then((resolved) =>
        settle(continueLookup(resolved, fallback, error, fallbacks, request), request),
      );
    }
    if (isMatch(result)) return continueLookup(result, fallback, error, fallbacks, request);
  }
}

/** Pecan swallows the TypeError of an argument-count mismatch into "no match" (§1.5); JS raises
 * none, so the count is checked against the signature instead (and real errors propagate, §5.7). */
function lookupAccepts(fallback: Fallback): boolean {
  const signature = fallback.meta.signature;
  if (signature === null) return true;
  const count = fallback.remainder.length;
  const required = signature.params.filter((p) => !p.hasDefault).length;
  return count >= required && (signature.rest !== null || count <= signature.params.length);
}

function isMatch(result: unknown): boolean {
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
  error: HTTPError,
  fallbacks: Fallback[],
  request: PecanRequest,
): Recovered {
  if (!isMatch(result)) return recover(error, fallbacks, request);
  // §1.5: a trailing-slash-only remainder with a positional parameter is still a 404.
  if (
    fallback.remainder.length === 1 &&
    fallback.remainder[0] === '' &&
    (fallback.meta.signature?.params.length ?? 0) > 0
  ) {
    throw error;
  }
  if (!Array.isArray(result) || result.length !== 2 || !Array.isArray(result[1])) {
    throw new TypeError(`${fallback.meta.label} must return [controller, remainingSegments]`);
  }
  return new Restart(result[0], (result[1] as unknown[]).map(String));
}

function findObject(
  start: unknown,
  segments: string[],
  fallbacks: Fallback[],
  request: PecanRequest,
): Found {
  let node = start;
  let parent: unknown = undefined;
  let pos = 0;
  for (;;) {
    if (node === null || node === undefined) throw notFound();
    const meta = getMeta(node);
    if (meta !== undefined) {
      if (meta.route !== null) throw notFound(); // reachable only by its custom segment (§1.9)
      return endpoint(node as Function, meta, parent, segments.slice(pos));
    }
    if (typeof node !== 'object' && typeof node !== 'function') throw notFound();
    const info = classInfo(node);
    const segment = segments[pos];
    if (segment !== undefined && info.routes !== null) {
      const custom = info.routes.get(segment);
      if (custom !== undefined)
        return endpoint(custom as Function, getMeta(custom)!, node, segments.slice(pos + 1));
    }
    // §1.4: an exposed index serves the trailing slash; without one the URL is non-canonical.
    const index = childOf(node, 'index');
    const indexMeta = getMeta(index);
    if (indexMeta !== undefined) {
      if (segment === undefined)
        return {
          fn: index as Function,
          meta: indexMeta,
          self: node,
          remainder: [],
          nonCanonical: true,
        };
      if (segment === '')
        return endpoint(index as Function, indexMeta, node, segments.slice(pos + 1));
    }
    pushFallback(node, '_default', segments, pos, fallbacks);
    pushFallback(node, '_lookup', segments, pos, fallbacks);
    const routeFn = childOf(node, '_route');
    const routeMeta = getMeta(routeFn);
    if (routeMeta !== undefined)
      return delegateRoute(routeFn as Function, node, segments.slice(pos), request);
    if (segment === undefined) throw notFound();
    const next = childOf(node, segment, info);
    // §1.2 step 12: the last-ditch generic index, for the unmatched segment.
    if (!next && fallbacks.length === 0 && indexMeta?.handlers?.has(request.method)) {
      return endpoint(index as Function, indexMeta, node, segments.slice(pos));
    }
    parent = node;
    node = next;
    pos++;
  }
}

function pushFallback(
  node: object,
  kind: Fallback['kind'],
  segments: string[],
  pos: number,
  fallbacks: Fallback[],
): void {
  const fn = childOf(node, kind);
  const meta = getMeta(fn);
  if (meta !== undefined)
    fallbacks.push({ kind, fn: fn as Function, meta, self: node, remainder: segments.slice(pos) });
}

/** §1.7: `_route(remainder, request)` takes over and names the endpoint. */
function delegateRoute(
  routeFn: Function,
  self: object,
  remainder: string[],
  request: PecanRequest,
): Found {
  const result: unknown = routeFn.call(self, remainder, request);
  const finish = (value: unknown): Endpoint => {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new TypeError('_route must return [controller, remainingSegments]');
    }
    const [fn, rest] = value as [unknown, unknown];
    const meta = getMeta(fn);
    if (meta === undefined) throw notFound();
    return endpoint(fn as Function, meta, self, Array.isArray(rest) ? rest.map(String) : []);
  };
  return isPromise(result) ? result.then(finish) : finish(result);
}

/**
 * The per-verb rules of a RestController (pecan-reference §4.4–4.7): which method answers a
 * request, found by name on the controller. A rule answers with `[method, remainder]`, or with
 * the endpoint of a sub-controller the walk continues in, or throws 404/405.
 */
import { HTTPError } from '../../core/errors.js';
import type { PecanRequest } from '../../core/request.js';
import { getMeta } from '../../controller/meta.js';
import { childOf, segmentChild } from '../child-of.js';
import { classInfo } from '../class-info.js';
import type { Endpoint } from '../endpoint.js';
import { lookupController } from '../lookup.js';
import {
  COLLECTION_GET,
  DELETE_METHODS,
  GET_SUFFIXES,
  ITEM_GET,
  SPECIAL_NAMES,
  customActionMethods,
  customActionVerbs,
  customActionsOf,
  isActionNameFirst,
  verbMethods,
} from './rest-rules.js';

/** A RestController method and the path segments left for its arguments. */
export type RestMethod = [Function, string[]];
/** What a RestController's `_route` answers (§1.7). */
export type RestRoute = Endpoint | RestMethod;
export type Routed = RestRoute | Promise<RestRoute>;

/** One `_route` call: the controller, the request, and how many leading parameters to skip. */
export interface RestCall {
  readonly self: object;
  readonly request: PecanRequest;
  /** 2 in explicit mode, where every method takes `(req, res, ...)` first (§4.10); else 0. */
  readonly skip: number;
}

/**
 * Pecan's `_find_controller`: the first of `names` that is an exposed method of the controller.
 * Two names at most (each rule asks for one or two), so no array is made per request.
 */
export function findController(self: object, name: string, other?: string): Function | undefined {
  return (
    exposedMethod(self, name) ?? (other === undefined ? undefined : exposedMethod(self, other))
  );
}

function exposedMethod(self: object, name: string): Function | undefined {
  if (SPECIAL_NAMES.has(name)) return undefined;
  const value = childOf(self, name);
  return getMeta(value) !== undefined ? (value as Function) : undefined;
}

/** Pecan's `_lookup_child`: any attribute by that name (`route()` children included). */
function attribute(self: object, name: string): unknown {
  return segmentChild(self, name, classInfo(self));
}

/** An attribute that is not a method: a sub-controller the walk continues in (§4.4 step 4). */
export function subController(self: object, name: string): object | undefined {
  const value = attribute(self, name);
  return value && typeof value !== 'function' ? (value as object) : undefined;
}

/** Continues the walk in a sub-controller; leaving the RestController is a boundary (§6.2). */
export function walkInto(
  call: RestCall,
  child: unknown,
  rest: string[],
): Endpoint | Promise<Endpoint> {
  return lookupController(child, rest, call.request, call.self);
}

/** Positional parameters of a method, after `(req, res)` in explicit mode (§4.10). */
export function positionalCount(fn: Function, call: RestCall, requiredOnly = false): number {
  const params = getMeta(fn)?.signature?.params;
  if (params === undefined) return 0;
  let count = 0;
  for (let i = call.skip; i < params.length; i++)
    if (!requiredOnly || !params[i]!.hasDefault) count++;
  return count;
}

/**
 * Pecan's `_handle_bad_rest_arguments`: fewer segments than the method's ids (less the parent
 * ids already collected) is a 404 — e.g. `/authors/books` for `/authors/1/books` (§4.3–4.4).
 * DESIGN §5.13: parameters with defaults are optional here (Pecan counted them, issue #29).
 */
function checkArguments(call: RestCall, fn: Function, remainder: string[]): void {
  const parentIds = call.request.pecan.routingArgs?.length ?? 0;
  if (remainder.length < positionalCount(fn, call, true) - parentIds) throw new HTTPError(404);
}

/** §4.2 step 4: the rules for `method` (already lower-case). */
export function handleMethod(call: RestCall, method: string, args: string[]): Routed {
  switch (method) {
    case 'get':
      return handleGet(call, args);
    case 'post':
    case 'put':
      return handlePost(call, method, args);
    case 'delete':
      return handleDelete(call, args);
    case 'head':
      // DESIGN §5.6: HEAD is answered as a GET (the body is dropped when sent), unless the
      // controller has its own `head`/`postHead` (Pecan's only way to serve HEAD).
      return findController(call.self, ...verbMethods('head'))
        ? handleUnknown(call, method, args)
        : handleGet(call, args);
    default:
      return handleUnknown(call, method, args);
  }
}

/** §4.4 `_handle_get`. */
function handleGet(call: RestCall, args: string[]): Routed {
  const self = call.self;
  if (args.length === 0 || (args.length === 1 && args[0] === '')) {
    const fn = findController(self, COLLECTION_GET[0], COLLECTION_GET[1]);
    if (fn === undefined) throw new HTTPError(405);
    checkArguments(call, fn, []);
    return [fn, []];
  }
  const last = args[args.length - 1]!;
  if (last === 'new' || last === 'edit' || last === 'delete') {
    const fn = findController(self, GET_SUFFIXES[last]);
    if (fn !== undefined) return [fn, args.slice(0, -1)];
  }
  const custom = customAction(call, 'get', args);
  if (custom !== undefined) return custom;
  const child = subController(self, args[0]!);
  if (child !== undefined) return walkInto(call, child, args.slice(1));
  const fn = findController(self, ITEM_GET[0], ITEM_GET[1]);
  if (fn === undefined) throw new HTTPError(405);
  checkArguments(call, fn, args);
  return [fn, args];
}

/** §4.5 `_handle_post` (PUT follows the same rules, looking for `put`). */
function handlePost(call: RestCall, method: 'post' | 'put', args: string[]): Routed {
  if (args.length > 0) {
    const custom = customAction(call, method, args);
    if (custom !== undefined) return custom;
    const child = subController(call.self, args[0]!);
    if (child !== undefined) return walkInto(call, child, args.slice(1));
  }
  const fn = findController(call.self, method);
  if (fn === undefined) throw new HTTPError(405);
  return [fn, args];
}

/** §4.6 `_handle_delete`. */
function handleDelete(call: RestCall, args: string[]): Routed {
  if (args.length > 0) {
    const custom = customAction(call, 'delete', args);
    if (custom !== undefined) return custom;
    const child = subController(call.self, args[0]!);
    if (child !== undefined) return walkInto(call, child, args.slice(1));
  }
  const fn = findController(call.self, DELETE_METHODS[0], DELETE_METHODS[1]);
  if (fn !== undefined) return [fn, args];
  return refuseOrWalk(call, args);
}

/** §4.7 `_handle_unknown_method`: `postVerb` or `verb` (HEAD, PATCH, OPTIONS, TRACE, …). */
function handleUnknown(call: RestCall, method: string, args: string[]): Routed {
  const fn = findController(call.self, ...verbMethods(method));
  if (fn !== undefined) return [fn, args];
  return refuseOrWalk(call, args);
}

/** §4.6 steps 3–4, §4.7 steps 2–3: an unsafe verb aimed at an exposed method is a 405. */
function refuseOrWalk(call: RestCall, args: string[]): Routed {
  if (args.length > 0) {
    const first = args[0]!;
    if (findController(call.self, first) !== undefined) throw new HTTPError(405);
    const child = attribute(call.self, first);
    if (child) return walkInto(call, child, args.slice(1));
  }
  throw new HTTPError(405);
}

/**
 * Pecan's `_handle_custom_action`: a name in `customActions` that lists the method answers with
 * `getName`/`postName`/… or the plain `name` method. The name is the last segment for GET and
 * POST, the first for PUT and DELETE (which carry ids after it).
 */
function customAction(call: RestCall, method: string, args: string[]): RestMethod | undefined {
  // Most controllers declare no custom actions: nothing to split or compare then.
  const actions = customActionsOf(call.self);
  if (actions === null) return undefined;
  const parts = args.filter((segment) => segment !== '');
  if (parts.length === 0) return undefined;
  const byFirst = isActionNameFirst(method);
  const name = byFirst ? parts[0]! : parts[parts.length - 1]!;
  if (!customActionVerbs(actions, name).includes(method.toUpperCase())) return undefined;
  const fn = findController(call.self, ...customActionMethods(method, name));
  if (fn === undefined) return undefined;
  return [fn, byFirst ? parts.slice(1) : parts.slice(0, -1)];
}

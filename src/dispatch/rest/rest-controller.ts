/**
 * Pecan's RestController (pecan-reference §4): HTTP verbs map to methods — `getAll`, `getOne`,
 * `get`, `post`, `put`, `delete`, `new`, `edit`, `getDelete`, `postDelete`, custom actions —
 * through an exposed `_route` (§1.7). The per-verb rules are in rest-handlers.ts.
 */
import { HTTPError } from '../../core/errors.js';
import type { PecanRequest } from '../../core/request.js';
import { currentScope } from '../../core/context.js';
import { isPromise } from '../../core/is-promise.js';
import { expose } from '../../controller/expose.js';
import { getMeta } from '../../controller/meta.js';
import { childOf } from '../child-of.js';
import { lookupController } from '../lookup.js';
import { acceptsSegments, isMatch, lookupTarget } from '../lookup-rules.js';
import { restSegmentError } from '../../core/pecan-errors.js';
import { setAllow } from './rest-allow.js';
import { requestedMethod } from './rest-method.js';
import { quickGet, quickPost } from './rest-shortcut.js';
import {
  handleMethod,
  positionalCount,
  subController,
  walkInto,
  type RestCall,
  type RestRoute,
  type Routed,
} from './rest-handlers.js';

export type { RestRoute } from './rest-handlers.js';

/**
 * A base class for REST resources (Pecan's `pecan.rest.RestController`, §4):
 *
 * ```ts
 * class BooksController extends RestController {
 *   customActions = { count: ['GET'] };              // GET /books/count → getCount()
 *   @expose('json') getAll() { … }                   // GET /books
 *   @expose('json') getOne(id: string) { … }         // GET /books/7
 *   @expose('json') post({ ...fields }) { … }        // POST /books
 *   @expose('json') put(id: string) { … }            // PUT /books/7
 *   @expose('json') delete(id: string) { … }         // DELETE /books/7
 * }
 * ```
 *
 * Like any controller, a subclass may declare `static hooks` (§4.10, §5.4).
 */
export class RestController {
  constructor() {
    forbidCustomRoutes(new.target);
  }

  /** Routes a request to the method for its HTTP verb (§4.2). */
  @expose()
  _route(args: string[], request: PecanRequest): RestRoute | Promise<RestRoute> {
    const method = requestedMethod(request);
    if (typeof method === 'string') return routeRest(this, method, args, request);
    return method.then((resolved) => routeRest(this, resolved, args, request));
  }
}

const allowedClasses = new WeakSet<Function>();

/** §1.9: `@expose({ route })` cannot be used on a RestController; checked once per class. */
function forbidCustomRoutes(ctor: Function): void {
  if (allowedClasses.has(ctor)) return;
  for (
    let proto = ctor.prototype as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const meta = getMeta(Object.getOwnPropertyDescriptor(proto, key)?.value);
      if (meta !== undefined && meta.route !== null) {
        throw restSegmentError(ctor.name, key);
      }
    }
  }
  allowedClasses.add(ctor);
}

/** §4.2 steps 2–6. */
function routeRest(self: object, method: string, args: string[], request: PecanRequest): Routed {
  // §4.2 step 2: a safe request cannot tunnel PUT or DELETE (no Allow header, as in Pecan);
  // DESIGN §5.6: HEAD is a GET here too.
  if (
    (request.method === 'GET' || request.method === 'HEAD') &&
    (method === 'put' || method === 'delete')
  )
    throw new HTTPError(405);
  // §4.10: explicit mode is told the way Pecan tells it — no request is bound to the context.
  const skip = currentScope() === undefined ? 2 : 0;
  if (skip === 0 && method === 'get') {
    const quick = quickGet(self, args, request);
    if (quick !== undefined) return quick;
  } else if (skip === 0 && method === 'post') {
    const quick = quickPost(self, args, request);
    if (quick !== undefined) return quick;
  }
  const call: RestCall = { self, request, skip };
  const nested = findNested(call, args);
  if (nested !== undefined) return nested;
  let routed: Routed;
  try {
    routed = handleMethod(call, method, args);
    routed = isPromise<RestRoute>(routed)
      ? routed.then((found) => preferLookup(call, found, args))
      : preferLookup(call, routed, args);
  } catch (error) {
    return recover(call, error, args);
  }
  return isPromise<RestRoute>(routed)
    ? routed.catch((error: unknown) => recover(call, error, args))
    : routed;
}

/**
 * §4.3 `_find_sub_controllers`: a nested resource after the parent's ids. The id count is the
 * positional parameters of `getOne` (or `get`) less the parent ids already collected; with a
 * rest parameter, the first segment naming a sub-controller ends the ids. The ids are kept in
 * `request.pecan.routingArgs` and passed first to the child's method (§2.2 step 2).
 */
function findNested(call: RestCall, args: string[]): Routed | undefined {
  const { self, request } = call;
  let getter = childOf(self, 'getOne');
  if (getter === undefined) getter = childOf(self, 'get');
  if (typeof getter !== 'function') return undefined;
  const signature = getMeta(getter)?.signature;
  if (!signature) return undefined;
  if (signature.rest !== null) {
    for (let i = 0; i < args.length; i++) {
      const child = subController(self, args[i]!);
      if (child !== undefined) return nestIn(call, child, args, i);
    }
    return undefined;
  }
  const fixed = positionalCount(getter, call) - (request.pecan.routingArgs?.length ?? 0);
  if (fixed < 0 || fixed >= args.length) return undefined;
  const child = subController(self, args[fixed]!);
  return child === undefined ? undefined : nestIn(call, child, args, fixed);
}

function nestIn(call: RestCall, child: object, args: string[], at: number): Routed {
  (call.request.pecan.routingArgs ??= []).push(...args.slice(0, at));
  return walkInto(call, child, args.slice(at + 1));
}

/**
 * §4.2 step 5: a method that takes fewer positional parameters than there are segments gives
 * way to the controller's `_lookup`, when that matches (`GET /foo/1/` → `_lookup('1')`).
 */
function preferLookup(call: RestCall, found: RestRoute, args: string[]): Routed {
  const fn = Array.isArray(found) ? found[0] : found.fn;
  if (positionalCount(fn, call) >= args.length) return found;
  const looked = handleLookup(call, args);
  if (isPromise<RestRoute | undefined>(looked)) return looked.then((match) => match ?? found);
  return looked ?? found;
}

/**
 * §4.2 step 6: a 4xx (Pecan catches WebOb's HTTPClientError) gives the controller's `_lookup`
 * a chance; otherwise the error goes on — a 405 with this controller's `Allow` (§4.8) — to the
 * `_lookup`/`_default` fallbacks of the object-dispatch walk (§1.2).
 */
function recover(call: RestCall, error: unknown, args: string[]): Routed {
  if (!(error instanceof HTTPError) || error.status < 400 || error.status > 499) throw error;
  const settle = (match: RestRoute | undefined): RestRoute => {
    if (match !== undefined) return match;
    throw error.status === 405 ? setAllow(error, call.self) : error;
  };
  const looked = handleLookup(call, args);
  return isPromise<RestRoute | undefined>(looked) ? looked.then(settle) : settle(looked);
}

type LookedUp = RestRoute | undefined | Promise<RestRoute | undefined>;

/**
 * Pecan's `_handle_lookup`: the controller's own `_lookup`, called with the non-empty segments.
 * A count its signature cannot take is "no match" (DESIGN §5.7); its controller is walked from
 * the `_lookup` (a security boundary, §6.2).
 */
function handleLookup(call: RestCall, args: string[]): LookedUp {
  const segments = args.filter((segment) => segment !== '');
  if (segments.length === 0) return undefined;
  const lookup = childOf(call.self, '_lookup');
  const meta = getMeta(lookup);
  if (meta === undefined || !acceptsSegments(meta, segments.length)) return undefined;
  const result: unknown = (lookup as Function).apply(call.self, segments);
  const follow = (value: unknown): RestRoute | Promise<RestRoute> | undefined => {
    if (!isMatch(value)) return undefined;
    const target = lookupTarget(value, meta);
    return lookupController(target.node, target.segments, call.request, lookup, call.self);
  };
  return isPromise(result) ? result.then(follow) : follow(result);
}

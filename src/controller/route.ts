import { getMeta } from './meta.js';
import { validateRoute } from './expose.js';
import {
  routeArgumentsError,
  routeHandlerError,
  routeNotExposedError,
  routeParentError,
  routeTakenError,
} from '../core/pecan-errors.js';

const manualRoutes = new WeakMap<Function, Map<string, unknown>>();

/** Children attached to a class with `route(Parent, 'seg', child)`, own entries only. */
export function manualRoutesOf(ctor: Function): Map<string, unknown> | undefined {
  return manualRoutes.get(ctor);
}

/**
 * Attaches a path segment that is not a valid identifier (§1.9):
 * `route(Parent, 'some-path', childControllerOrExposedFn)` routes `/some-path` on every
 * `Parent` to the child; `route('some-path', exposedFn)` sets an exposed function's segment.
 */
export function route(segment: string, handler: Function): Function;
export function route(parent: Function, segment: string, handler: unknown): void;
export function route(...args: unknown[]): unknown {
  if (args.length === 2) {
    const [segment, handler] = args;
    validateRoute(segment);
    const meta = getMeta(handler);
    if (meta === undefined) throw routeNotExposedError(handler);
    meta.route = segment;
    return handler;
  }
  if (args.length !== 3) throw routeArgumentsError(args.length);
  const [parent, segment, handler] = args;
  if (typeof parent !== 'function') throw routeParentError();
  validateRoute(segment);
  if (handler === null || (typeof handler !== 'object' && typeof handler !== 'function')) {
    throw routeHandlerError();
  }
  const existing = manualRoutes.get(parent);
  if (segment in parent.prototype || existing?.has(segment)) {
    throw routeTakenError(parent.name, segment);
  }
  if (existing) existing.set(segment, handler);
  else manualRoutes.set(parent, new Map([[segment, handler]]));
}

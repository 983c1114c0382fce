import { getMeta } from './meta.js';
import { validateRoute } from './expose.js';

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
    if (meta === undefined) throw new TypeError(`route(): ${String(handler)} is not exposed`);
    meta.route = segment;
    return handler;
  }
  if (args.length !== 3) throw new TypeError(`route() takes 2 or 3 arguments, got ${args.length}`);
  const [parent, segment, handler] = args;
  if (typeof parent !== 'function')
    throw new TypeError('route(): the parent must be a controller class');
  validateRoute(segment);
  if (handler === null || (typeof handler !== 'object' && typeof handler !== 'function')) {
    throw new TypeError('route(): the handler must be a controller or an exposed function');
  }
  const existing = manualRoutes.get(parent);
  if (segment in parent.prototype || existing?.has(segment)) {
    throw new Error(`${parent.name} already has an attribute named "${segment}"`);
  }
  if (existing) existing.set(segment, handler);
  else manualRoutes.set(parent, new Map([[segment, handler]]));
}

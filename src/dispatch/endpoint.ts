import type { ControllerMeta } from '../controller/meta.js';
import type { PecanHook } from '../hooks/pecan-hook.js';

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

/** What a lookup answers: the endpoint, or a promise of it when some step was asynchronous. */
export type Found = Endpoint | Promise<Endpoint>;

/** One object shape for every endpoint (the hooks are added only where a walk collected some). */
export function endpoint(
  fn: Function,
  meta: ControllerMeta,
  self: unknown,
  remainder: string[],
): Endpoint {
  return { fn, meta, self, remainder, nonCanonical: false };
}

/** A `_route` may also answer with a whole endpoint (e.g. RestController walking a child). */
export function isEndpoint(value: unknown): value is Endpoint {
  return typeof value === 'object' && value !== null && 'nonCanonical' in value && 'meta' in value;
}

/**
 * Hands the endpoint the hooks collected along the walk (outer controllers first; DESIGN §5.10).
 * An endpoint a `_route` found with its own walk keeps its hooks after the outer ones.
 */
export function withHooks(found: Endpoint, collected: readonly PecanHook[] | null): Endpoint {
  if (collected !== null) {
    const hooks = collected.slice();
    for (const hook of found.hooks ?? []) if (!hooks.includes(hook)) hooks.push(hook);
    found.hooks = hooks;
  }
  return found;
}

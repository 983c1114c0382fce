/**
 * Memoised dispatch for pure attribute walks (DESIGN §6), one memo per app. A path whose walk
 * only read attributes of controllers — no `_lookup`, `_default` or `_route` taken, no security
 * boundary (security/boundary.ts `isBoundarySecured`, `isEndpointSecured`), no
 * generic fallback that depends on the method — ends at the same endpoint every time, as long
 * as those attributes still hold the same objects. So the endpoint is remembered with the
 * attributes read on the way (`trail`), and the next request for the path re-reads only those:
 * reassigning a controller attribute (`root.books = new OtherBooks()`) is seen at once.
 *
 * What is not re-read is what the class scan already fixes once per class (custom segments,
 * special methods, `route()` children, hooks; §1.2 step 3). A plain object has no class scan:
 * its `index`, `_default`, `_lookup` and `_route` are on the trail too, so a plain-object tree
 * (`deep = { a: { b: leaf } }`) is remembered as a class tree is, and adding or replacing one of
 * them is seen on the next request.
 */
import type { Endpoint } from './endpoint.js';
import type { PecanHook } from '../hooks/pecan-hook.js';
import { securityGeneration } from '../security/marks.js';

/** `[object, name, value, object, name, value, …]`: each attribute read and what it held. */
export type Trail = unknown[];

/**
 * A controller whose `_route` takes over below a path (a RestController, typically): the walk
 * to it is remembered under that path, and the `_route` is called for every request below it
 * with the segments that follow (it decides per request, so it is never skipped).
 */
export class RoutePoint {
  constructor(
    readonly fn: Function,
    readonly node: object,
    /** Hooks of the `HookController`s passed on the way, outermost first. */
    readonly hooks: readonly PecanHook[] | null,
  ) {}
}

/** What a path is remembered as: its endpoint, or the `_route` it is handed to. */
export type Remembered = Endpoint | RoutePoint;

interface Entry {
  readonly remembered: Remembered;
  readonly trail: Trail;
}

/**
 * At most this many paths are remembered; then the memo starts over. Paths are client input
 * (a method taking arguments from the URL makes every distinct tail a new path), so the bound
 * keeps memory flat while the paths in use come back after one walk each.
 */
const MAX_PATHS = 1024;

export class RouteMemo {
  private readonly paths = new Map<string, Entry>();
  /** The security marks made when the memo was last emptied (security/marks.ts). */
  private generation = securityGeneration();

  /** What is remembered for `path`, if every attribute on its trail is unchanged. */
  get(path: string): Remembered | undefined {
    // Something was secured since: any remembered walk may now cross a check.
    if (this.generation !== securityGeneration()) this.forget();
    const entry = this.paths.get(path);
    if (entry === undefined) return undefined;
    const trail = entry.trail;
    for (let i = 0; i < trail.length; i += 3) {
      if ((trail[i] as Record<string, unknown>)[trail[i + 1] as string] !== trail[i + 2]) {
        this.paths.delete(path);
        return undefined;
      }
    }
    return entry.remembered;
  }

  set(path: string, remembered: Remembered, trail: Trail): void {
    if (this.paths.size >= MAX_PATHS) this.paths.clear();
    this.paths.set(path, { remembered, trail });
  }

  private forget(): void {
    this.paths.clear();
    this.generation = securityGeneration();
  }

  get size(): number {
    return this.paths.size;
  }
}

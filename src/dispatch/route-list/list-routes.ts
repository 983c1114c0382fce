import { getMeta, type ControllerMeta } from '../../controller/meta.js';
import { classInfo } from '../class-info.js';
import { childOf } from '../child-of.js';
import { controllerSecurity, methodSecurity } from '../../security/marks.js';
import { SecureController } from '../../security/secure-controller.js';

/** One reachable URL pattern: the methods it answers, and the function that answers. */
export interface RouteRow {
  /** `GET`, `POST`, … or `*` (any method). */
  methods: string;
  /** e.g. `/books/<id>/edit`; `<name>` is a path argument, `[/<name>]` an optional one. */
  path: string;
  /** `Class.method`. */
  handler: string;
  /** Why the row is special: `generic`, `_lookup`, `_default`, `_route`, `rest`… (empty if not). */
  note: string;
  /** The metadata of the function that answers (for `_lookup`/`_route`, of that method). */
  meta: ControllerMeta;
  /** Whether a security check (§6.1: `secure()`, `SecureController`) guards the row. */
  secured: boolean;
}

export interface WalkOptions {
  /** Pecan's explicit mode (§7.2): exposed methods take `(req, res, …)` first. */
  explicitArgs?: boolean;
  /** The rows of a controller that routes itself (a RestController), or undefined. */
  routeOwn?: (
    node: object,
    prefix: string,
    walker: RouteWalker,
    parentIds: number,
    guarded: boolean,
  ) => RouteRow[] | undefined;
}

const SPECIAL = new Set(['_lookup', '_default', '_route']);
// Controllers are small trees; a data object hung on one (a cache, a client) must not make the
// walk endless.
const MAX_DEPTH = 32;
const MAX_NODES = 10_000;

/**
 * Walks a controller tree the way object dispatch does (§1.2) and lists what it can reach:
 * exposed methods, `index`, custom segments (§1.9), generic handlers per method (§3.5), and
 * `_lookup`/`_default`/`_route` as dynamic rows. Only what dispatch would traverse is listed.
 */
export function listRoutes(root: unknown, options: WalkOptions = {}): RouteRow[] {
  return new RouteWalker(options).walk(root, '');
}

export class RouteWalker {
  private readonly ancestors = new Set<unknown>();
  private visited = 0;

  constructor(readonly options: WalkOptions) {}

  /**
   * The rows below `node`, mounted at `prefix`; `parentIds` are ids a REST parent collected;
   * `guarded` says a check on the way to `node` already guards everything below it.
   */
  walk(node: unknown, prefix: string, parentIds = 0, guarded = false): RouteRow[] {
    if (!isController(node) || this.ancestors.has(node)) return [];
    if (this.ancestors.size >= MAX_DEPTH || ++this.visited > MAX_NODES) return [];
    this.ancestors.add(node);
    try {
      return this.walkController(node, prefix, parentIds, guarded);
    } finally {
      this.ancestors.delete(node);
    }
  }

  private walkController(
    node: object,
    prefix: string,
    parentIds: number,
    guarded: boolean,
  ): RouteRow[] {
    const info = classInfo(node);
    const rows: RouteRow[] = [];
    const index = childOf(node, 'index');
    const indexMeta = getMeta(index);
    if (indexMeta !== undefined) {
      rows.push(...this.endpointRows(`${prefix}/`, indexMeta, false, node, index, guarded));
    }
    const own = this.options.routeOwn?.(node, prefix, this, parentIds, guarded);
    if (own !== undefined) return [...rows, ...own, ...this.fallbackRows(node, prefix, guarded)];
    const routeFn = childOf(node, '_route');
    const route = getMeta(routeFn);
    if (route !== undefined) {
      // §1.7: `_route` takes over everything below this controller but its index.
      rows.push({
        methods: '*',
        path: `${prefix}/…`,
        handler: route.label,
        note: '_route',
        meta: route,
        secured: guarded || isEndpointGuarded(routeFn, node),
      });
      return [...rows, ...this.fallbackRows(node, prefix, guarded)];
    }
    const children: [string, unknown][] = [];
    for (const name of memberNames(node)) {
      if (name === 'index' || SPECIAL.has(name)) continue;
      children.push([name, readMember(node, name, info)]);
    }
    for (const [segment, fn] of info.routes ?? []) children.push([segment, fn]);
    for (const [segment, child] of info.attributes ?? []) children.push([segment, child]);
    children.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [segment, child] of children) {
      const meta = getMeta(child);
      const path = `${prefix}/${segment}`;
      if (meta === undefined) {
        rows.push(...this.walk(child, path, 0, guarded || isBoundaryGuarded(node, child)));
      } else if (!meta.isGenericHandler && (meta.route === null || meta.route === segment)) {
        // A function attached with route(Parent, 'seg', fn) may have no name of its own.
        const label =
          meta.label === '<anonymous>' ? `${node.constructor.name}['${segment}']` : meta.label;
        rows.push(...this.endpointRows(path, meta, true, node, child, guarded, label));
      }
    }
    return [...rows, ...this.fallbackRows(node, prefix, guarded)];
  }

  /** `_lookup` and `_default`: dynamic rows, tried when the walk below this controller fails. */
  fallbackRows(node: object, prefix: string, guarded: boolean): RouteRow[] {
    const rows: RouteRow[] = [];
    const lookupFn = childOf(node, '_lookup');
    const lookup = getMeta(lookupFn);
    if (lookup !== undefined) {
      const first = lookup.signature?.params[this.leadingParams()]?.name ?? 'segment';
      rows.push({
        methods: '*',
        path: `${prefix}/<${first}>/…`,
        handler: lookup.label,
        note: '_lookup',
        meta: lookup,
        secured: guarded || isEndpointGuarded(lookupFn, node),
      });
    }
    const fallbackFn = childOf(node, '_default');
    const fallback = getMeta(fallbackFn);
    if (fallback !== undefined) {
      rows.push({
        methods: '*',
        path: `${prefix}/…`,
        handler: fallback.label,
        note: '_default',
        meta: fallback,
        secured: guarded || isEndpointGuarded(fallbackFn, node),
      });
    }
    return rows;
  }

  /** One row for a plain endpoint; for a generic one, a row per `@when` method and the default. */
  private endpointRows(
    path: string,
    meta: ControllerMeta,
    withArgs: boolean,
    self: object,
    fn: unknown,
    guarded: boolean,
    label = meta.label,
  ): RouteRow[] {
    const full = withArgs ? path + this.argsPattern(meta) : path;
    const secured = guarded || isEndpointGuarded(fn, self);
    if (!meta.generic)
      return [{ methods: '*', path: full, handler: label, note: '', meta, secured }];
    const rows: RouteRow[] = [];
    for (const [method, handler] of [...(meta.handlers ?? [])].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      rows.push({
        methods: method,
        path: full,
        handler: handler.meta.label,
        note: 'generic',
        meta: handler.meta,
        // §6.3: security is checked on the chosen handler.
        secured: guarded || isEndpointGuarded(handler.fn, self),
      });
    }
    rows.push({ methods: '*', path: full, handler: label, note: 'generic default', meta, secured });
    return rows;
  }

  /**
   * Path arguments from the signature: `/<id>`, optional `[/<page>]`, rest `[/<...more>]`;
   * `skipIds` leading parameters (a REST parent's ids) are already in the path.
   */
  argsPattern(meta: ControllerMeta, skipIds = 0): string {
    const signature = meta.signature;
    if (signature === null) return '';
    let text = '';
    for (const param of signature.params.slice(this.leadingParams() + skipIds)) {
      text += param.hasDefault ? `[/<${param.name}>]` : `/<${param.name}>`;
    }
    if (signature.rest !== null) text += `[/<...${signature.rest}>]`;
    return text;
  }

  /** Parameters that are not path arguments: `(req, res)` in explicit mode. */
  leadingParams(): number {
    return this.options.explicitArgs ? 2 : 0;
  }
}

/**
 * Whether calling `fn` on `self` runs a check (§6.2 step 1): its own `@secure` (an `@unlocked`
 * one runs none), else the class check of a SecureController.
 */
export function isEndpointGuarded(fn: unknown, self: object): boolean {
  const own = typeof fn === 'function' ? methodSecurity(fn) : undefined;
  if (own !== undefined) return own.state === 'protected';
  return self instanceof SecureController;
}

/**
 * Whether walking from `prev` into `next` runs a check (§6.2 steps 2–3): `secure(next, check)`,
 * or leaving a SecureController into a child that is not `unlocked(child)`.
 */
export function isBoundaryGuarded(prev: object, next: unknown): boolean {
  const entering = controllerSecurity(next);
  if (entering !== undefined && entering.check !== null) return true;
  return prev instanceof SecureController && entering?.unlocked !== true;
}

/** A member as dispatch reads it; a getter that throws is left out of the listing. */
function readMember(node: object, name: string, info: ReturnType<typeof classInfo>): unknown {
  try {
    return childOf(node, name, info);
  } catch {
    return undefined;
  }
}

/** What dispatch could step into: an object (or a class used as one), not data. */
function isController(value: unknown): value is object {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  return !(
    Array.isArray(value) ||
    ArrayBuffer.isView(value) ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Promise
  );
}

/** Own and inherited member names of a controller instance, up to (not including) Object. */
export function memberNames(node: object): Set<string> {
  const names = new Set<string>();
  for (
    let level: object | null = node;
    level !== null && level !== Object.prototype && level !== Function.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(level))
      if (name !== 'constructor') names.add(name);
  }
  return names;
}

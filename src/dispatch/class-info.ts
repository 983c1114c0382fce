import { getMeta, type ControllerMeta } from '../controller/meta.js';
import { PENDING_WHEN, registerHandler, type PendingWhen } from '../controller/expose.js';
import { manualRoutesOf } from '../controller/route.js';
import { declaredHooks } from '../hooks/hook-controller.js';
import type { PecanHook } from '../hooks/pecan-hook.js';
import { segmentConflictError, segmentTakenError, whenUnknownError } from '../core/pecan-errors.js';

/** What dispatch needs to know about a controller class, computed on its first traversal. */
export interface ClassInfo {
  /** Custom segment → the method it routes to (§1.9). */
  routes: Map<string, unknown> | null;
  /** Method names that have a custom segment and so are not routable by their own name. */
  hidden: Set<string> | null;
  /** Children attached with `route(Parent, 'seg', child)`: plain attributes with odd names. */
  attributes: Map<string, unknown> | null;
  /** Hooks a `HookController` class declares for its subtree (§5.4). */
  hooks: readonly PecanHook[] | null;
  /**
   * The special methods the class defines (§1.2), read once instead of by name at every level
   * of every walk; `null` when they must be read from the object each time (plain objects,
   * functions, or a class defining one as an accessor).
   */
  specials: Specials | null;
}

/** An exposed function and its metadata. */
export interface Exposed {
  readonly fn: Function;
  readonly meta: ControllerMeta;
}

/** The names object dispatch looks up on every controller it walks (§1.2, §1.4–1.7). */
export type SpecialName = 'index' | '_default' | '_lookup' | '_route';

/** What the prototype chain holds under each special name: exposed, or `null` (absent or not
 * exposed). An instance's own property of that name (a class field) shadows it. */
export type Specials = Readonly<Record<SpecialName, Exposed | null>>;

const SPECIAL_NAMES: readonly SpecialName[] = ['index', '_default', '_lookup', '_route'];

const EMPTY: ClassInfo = {
  routes: null,
  hidden: null,
  attributes: null,
  hooks: null,
  specials: null,
};
const infos = new WeakMap<object, ClassInfo>();

/**
 * The class information for `node`'s class, scanning the class the first time it is traversed,
 * as Pecan does (§1.2 step 3). A conflict throws on every traversal (the class is not cached).
 */
export function classInfo(node: object): ClassInfo {
  const proto = Object.getPrototypeOf(node) as object | null;
  if (proto === null || proto === Object.prototype || proto === Function.prototype) return EMPTY;
  let info = infos.get(proto);
  if (info === undefined) {
    info = scanClass(proto);
    infos.set(proto, info);
  }
  return info;
}

function scanClass(proto: object): ClassInfo {
  const routes = new Map<string, unknown>();
  const owners = new Map<string, string>();
  const hidden = new Set<string>();
  const seen = new Set<string>();
  const attributes = new Map<string, unknown>();
  for (
    let level: object | null = proto;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    const ctor = Object.prototype.hasOwnProperty.call(level, 'constructor')
      ? (level as { constructor: Function }).constructor
      : undefined;
    const className = ctor?.name ?? 'Object';
    for (const key of Object.getOwnPropertyNames(level)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key); // a subclass's definition shadows its parent's
      const descriptor = Object.getOwnPropertyDescriptor(level, key)!;
      const meta = getMeta(descriptor.value);
      if (meta === undefined) continue;
      if (meta.label === String(key) || !meta.label.includes('.'))
        meta.label = `${className}.${key}`;
      if (meta.route === null) continue;
      if (meta.route in proto && meta.route !== key) {
        throw segmentTakenError(className, key, meta.route);
      }
      const other = owners.get(meta.route);
      if (other !== undefined && other !== key) {
        throw segmentConflictError(className, key, other, meta.route);
      }
      owners.set(meta.route, key);
      routes.set(meta.route, descriptor.value);
      hidden.add(key);
    }
    const manual = ctor ? manualRoutesOf(ctor) : undefined;
    if (manual)
      for (const [segment, child] of manual)
        if (!attributes.has(segment)) attributes.set(segment, child);
    if (ctor) resolvePendingWhen(ctor, level);
  }
  return {
    routes: routes.size ? routes : null,
    hidden: hidden.size ? hidden : null,
    attributes: attributes.size ? attributes : null,
    hooks: declaredHooks((proto as { constructor?: Function }).constructor),
    specials: scanSpecials(proto),
  };
}

/**
 * The special methods as property lookup on an instance without own ones would find them.
 * Read once, like the custom routes: a prototype patched after the class was first walked is
 * not seen. A getter is read on every walk (it may answer differently each time).
 */
function scanSpecials(proto: object): Specials | null {
  const specials: Record<SpecialName, Exposed | null> = {
    index: null,
    _default: null,
    _lookup: null,
    _route: null,
  };
  for (const name of SPECIAL_NAMES) {
    for (
      let level: object | null = proto;
      level !== null && level !== Object.prototype;
      level = Object.getPrototypeOf(level) as object | null
    ) {
      const descriptor = Object.getOwnPropertyDescriptor(level, name);
      if (descriptor === undefined) continue;
      if ('get' in descriptor) return null;
      const meta = getMeta(descriptor.value);
      if (meta !== undefined) specials[name] = { fn: descriptor.value as Function, meta };
      break;
    }
  }
  return specials;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * `node.index`, `node._default`, … as exposed functions: from the class scan, unless the object
 * has its own property of that name (a class field), which is read as any attribute. Plain
 * objects (and anything else without a class scan) are read by name each time.
 *
 * A value read from the object itself is noted on `trail` (a walk that may be remembered,
 * route-memo.ts), so that a memo hit re-reads it: a plain object given an `index` or a
 * `_route` after the path was remembered is walked again, as it would have been without memo.
 */
export function specialOf(
  node: object,
  name: SpecialName,
  specials: Specials | null,
  trail: unknown[] | null = null,
): Exposed | null {
  if (specials !== null && !hasOwn.call(node, name)) return specials[name];
  const fn = (node as Record<string, unknown>)[name];
  if (trail !== null) trail.push(node, name, fn);
  const meta = getMeta(fn);
  return meta === undefined ? null : { fn: fn as Function, meta };
}

/** The descriptor that reading `object[key]` goes by: the first along the prototype chain. */
export function findDescriptor(object: object, key: string): PropertyDescriptor | undefined {
  for (
    let level: object | null = object;
    level !== null;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(level, key);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

/** Whether reading `object[key]` reads a data property (no getter, which may answer anew). */
export function isDataProperty(object: object, key: string): boolean {
  const descriptor = findDescriptor(object, key);
  return descriptor === undefined || !('get' in descriptor);
}

/** Attaches `@when` handlers of this class to their generic method (looked up by name). */
function resolvePendingWhen(ctor: Function, proto: object): void {
  const metadata = (
    ctor as { [Symbol.metadata]?: Record<symbol, PendingWhen[] | undefined> | null }
  )[Symbol.metadata];
  const pending = metadata?.[PENDING_WHEN];
  if (!pending) return;
  for (const { genericName, method, fn, meta } of pending) {
    const generic = (proto as Record<string, unknown>)[genericName];
    if (typeof generic !== 'function') {
      throw whenUnknownError(ctor.name, meta.label, genericName);
    }
    registerHandler(generic, method, fn, meta);
  }
}

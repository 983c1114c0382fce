import type { ClassInfo } from './class-info.js';

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
 * `__proto__`, `toString`, …) never are (DESIGN §3 "Safe object dispatch", §5.2). Object
 * dispatch, the RestController rules and `pecan routes` all read children through here.
 */
export function childOf(node: object, name: string, info?: ClassInfo): unknown {
  if ((typeof node === 'function' ? FUNCTION_MEMBERS : OBJECT_MEMBERS).has(name)) return undefined;
  if (info?.hidden?.has(name)) return undefined;
  const attribute = info?.attributes?.get(name);
  if (attribute !== undefined) return attribute;
  return (node as Record<string, unknown>)[name];
}

const FALLBACKS: ReadonlySet<string> = new Set(['_default', '_lookup', '_route']);

/**
 * The child a path segment leads to. The fallbacks are never segments (DESIGN §5.2 #2):
 * `/x/_default` reaches `_default` as the fallback, with `_default` as its remainder. Dispatch
 * still finds them by name through `childOf`.
 */
export function segmentChild(node: object, segment: string, info?: ClassInfo): unknown {
  // Most segments do not start with `_`: one character test before the set lookup.
  if (segment.charCodeAt(0) === 95 && FALLBACKS.has(segment)) return undefined;
  return childOf(node, segment, info);
}

/**
 * Wrapping decorators (Python's `functools.wraps`, which Pecan's `getargspec` reads through,
 * pecan-reference.md §2.7). A decorator that replaces a method with a wrapper such as
 * `(...args) => method.apply(this, args)` hides the parameter names pecan binds by, and one
 * above `@expose` hides the exposure. `wraps(original, wrapper)` says which method a wrapper
 * stands for: pecan then reads the original's parameters and keeps its exposure on the wrapper.
 * A wrapper that does not say so is a start-up error (expose.ts), never a silent misbinding.
 */
import { getMeta, shareMeta } from './meta.js';

const originals = new WeakMap<Function, Function>();

/** Marks `wrapper` as standing for `original`, and returns it (use it as the decorator's result). */
export function wraps<W extends Function>(original: Function, wrapper: W): W {
  if (typeof original !== 'function' || typeof wrapper !== 'function')
    throw new TypeError('wraps(original, wrapper) takes two functions');
  originals.set(wrapper, original);
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  // A decorator above @expose: the wrapper is the endpoint, with the original's exposure.
  const meta = getMeta(original);
  if (meta !== undefined && getMeta(wrapper) === undefined) shareMeta(wrapper, meta);
  return wrapper;
}

/** Whether `fn` was declared a wrapper with `wraps()`. */
export function isWrapper(fn: Function): boolean {
  return originals.has(fn);
}

/** The function a chain of `wraps()` wrappers stands for (itself when it wraps nothing). */
export function unwrap(fn: Function): Function {
  let current = fn;
  for (let next = originals.get(current); next !== undefined; next = originals.get(current))
    current = next;
  return current;
}

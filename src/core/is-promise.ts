/**
 * A thenable: the one test the lifecycle uses to await only what is really asynchronous.
 * Native promises are recognised first: reading `.then` on values of many shapes makes the
 * property access megamorphic on the hot path. Other thenables (objects or functions with a
 * `then` method) still count, as `await` would treat them.
 */
export function isPromise<T = unknown>(value: unknown): value is Promise<T> {
  if (value instanceof Promise) return true;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  return typeof (value as { then?: unknown }).then === 'function';
}

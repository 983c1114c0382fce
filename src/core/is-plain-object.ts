/**
 * A plain object — an object literal, or one made with `Object.create(null)` — as config files
 * and log fields use it. A module namespace object also has a null prototype, but it is not a
 * plain object (§11.1).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (
    proto === Object.prototype ||
    (proto === null &&
      (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] !== 'Module')
  );
}

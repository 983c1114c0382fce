/**
 * JSON encoding with Pecan's `jsonify` extension point (§9): `jsonify.register(Class, fn)`
 * converts instances of a class (and its subclasses) to JSON-friendly data, and beats the
 * object's own `toJSON()`/`__json__()`. Built in: `__json__()`, `toJSON()` (so `Date` gives an ISO
 * string), `Map` → object, `Set` → array, `BigInt` → string, class instances → own fields.
 */
type Converter = (value: never) => unknown;

const registry = new Map<Function, Converter>();

function registeredConverter(value: object): Converter | undefined {
  if (registry.size === 0) return undefined;
  for (
    let proto = Object.getPrototypeOf(value) as object | null;
    proto !== null;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const ctor = (proto as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function' && Object.prototype.hasOwnProperty.call(proto, 'constructor')) {
      const converter = registry.get(ctor);
      if (converter !== undefined) return converter;
    }
  }
  return undefined;
}

/** Converts one value to JSON-friendly data (not recursively). */
function convert(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  const converter = registeredConverter(value);
  if (converter !== undefined) return converter(value as never);
  const json = (value as { __json__?: unknown }).__json__;
  if (typeof json === 'function') return (json as () => unknown).call(value);
  if (value instanceof Map)
    return Object.fromEntries(Array.from(value, ([k, v]) => [String(k), v]));
  if (value instanceof Set) return Array.from(value);
  return value;
}

// The replacer sees values after `toJSON()` ran; `this[key]` is the original, so registered
// converters still win over `toJSON()` (§9 "a registered rule beats __json__").
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (
    original !== value &&
    typeof original === 'object' &&
    original !== null &&
    registeredConverter(original)
  ) {
    return convert(original);
  }
  return convert(value);
}

/**
 * Whether plain `JSON.stringify` would encode `value` exactly as `jsonify` does. Leaves
 * (strings, numbers, …) are tested where they are found, without a call: they are most of a
 * document.
 */
function isPlain(value: unknown): boolean {
  if (typeof value !== 'object') return typeof value !== 'bigint';
  return value === null || isPlainObject(value, 0);
}

function isPlainObject(value: object, depth: number): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object') {
        if (item !== null && !isPlainObject(item, depth + 1)) return false;
      } else if (typeof item === 'bigint') return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    if (value instanceof Date) return registry.size === 0;
    return false;
  }
  if ('__json__' in value) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object') {
      if (item !== null && !isPlainObject(item, depth + 1)) return false;
    } else if (typeof item === 'bigint') return false;
  }
  return true;
}

/** Encodes a value as JSON text with the jsonify rules. `undefined` encodes as `null`. */
function encode(value: unknown): string {
  const text = isPlain(value) ? JSON.stringify(value) : JSON.stringify(value, replacer);
  return text === undefined ? 'null' : text;
}

function register<T>(
  type: abstract new (...args: never[]) => T,
  converter: (value: T) => unknown,
): void {
  registry.set(type, converter as Converter);
}

function unregister(type: Function): void {
  registry.delete(type);
}

/** Converts a value to JSON-friendly data with the registered rules (Pecan's `jsonify(obj)`). */
export const jsonify = Object.assign((value: unknown): unknown => JSON.parse(encode(value)), {
  register,
  unregister,
  encode,
});

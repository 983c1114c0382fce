/**
 * A readable, pretty-printed rendering of any value for the debug page (Pecan shows
 * `pformat(environ)`): JSON-like, safe with cycles, functions, errors, bytes and bigints.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  const seen = new WeakSet<object>();
  const text = JSON.stringify(
    value,
    function (this: unknown, key: string, current: unknown): unknown {
      // `toJSON()` already ran; read the original to name it properly.
      const original = key === '' ? value : (this as Record<string, unknown>)[key];
      return readable(original, current, seen);
    },
    2,
  );
  return text ?? String(value);
}

function readable(original: unknown, current: unknown, seen: WeakSet<object>): unknown {
  switch (typeof original) {
    case 'undefined':
      return '[undefined]';
    case 'function':
      return `[Function ${original.name || 'anonymous'}]`;
    case 'bigint':
      return `${original}n`;
    case 'symbol':
      return original.toString();
    case 'number':
      return Number.isFinite(original) ? original : String(original);
  }
  if (typeof original !== 'object' || original === null) return current;
  if (original instanceof Error) return `${original.name}: ${original.message}`;
  if (original instanceof Uint8Array) return `[${original.byteLength} bytes]`;
  if (original instanceof Map) return Object.fromEntries(original);
  if (original instanceof Set) return [...original];
  if (typeof current === 'object' && current !== null) {
    if (seen.has(current)) return '[Circular]';
    seen.add(current);
  }
  return current;
}

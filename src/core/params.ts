import { HTTPError } from './errors.js';
import { nullObject } from './null-object.js';

/**
 * One parameter value: a string from the query or a form, a JSON value from a JSON body, or an
 * `UploadedFile` from a multipart body. Spelled `string | unknown` to document the common case.
 */
export type ParamValue = string | unknown;

/**
 * Pecan's "mixed" MultiDict, flattened (§2.1): a name seen once holds its value, a name seen
 * several times holds an array of its values in arrival order. Always built by
 * `createParams()` (null prototype), so names such as `__proto__` or `constructor` are plain
 * data and never reach `Object.prototype`.
 */
export type Params = Record<string, ParamValue>;

/** Most `name=value` pairs one query string or urlencoded body may hold; more is a 400. */
export const MAX_PARAMS = 1000;

/** Arrays that `addParam` built from repeated names, told apart from JSON array values. */
const repeated = new WeakSet<unknown[]>();

export function createParams(): Params {
  return nullObject<Params>();
}

/** §2.1 flattening: the first value is kept single; a repeated name becomes an array. */
export function addParam(params: Params, name: string, value: unknown): void {
  if (!Object.hasOwn(params, name)) {
    if (name === '__proto__') {
      // Even on an object with a prototype, this must stay an own data property.
      Object.defineProperty(params, name, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      params[name] = value;
    }
    return;
  }
  const existing = params[name];
  if (Array.isArray(existing) && repeated.has(existing)) {
    existing.push(value);
    return;
  }
  const values = [existing, value];
  repeated.add(values);
  params[name] = values;
}

/** Parses a query string (without `?`). Invalid UTF-8 is a 400 (§1.10). */
export function parseQuery(qs: string): Params {
  const params = parseParamString(qs, 'reject');
  if (params === undefined) {
    throw new HTTPError(400, 'Invalid query string: not UTF-8 encoded');
  }
  return params;
}

/**
 * Splits `a=1&b=2` into params, decoding `+` as a space and `%XX` as bytes (§1.10). With
 * `'reject'` invalid UTF-8 returns `undefined` so the caller can word its own 400; with
 * `'replace'` it becomes U+FFFD (WebOb's way with form bodies, §1.10; pecan's are strict). Empty pieces (`a&&b`)
 * are skipped, `a` alone is `a=''`, as Python's `parse_qsl(keep_blank_values=True)`.
 */
export function parseParamString(
  text: string,
  invalidUtf8: 'reject' | 'replace',
): Params | undefined {
  const params = createParams();
  const fatal = invalidUtf8 === 'reject';
  // Fast path: nothing to decode in the whole string, so every piece is taken as is.
  const plain = text.indexOf('%') === -1 && text.indexOf('+') === -1;
  const length = text.length;
  let count = 0;
  let start = 0;
  while (start < length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = length;
    if (end > start) {
      // Checked before any decoding, so a flood of tiny pairs costs little work.
      if (++count > MAX_PARAMS) {
        throw new HTTPError(400, `Too many parameters: at most ${MAX_PARAMS} are accepted`);
      }
      const eq = text.indexOf('=', start);
      const hasValue = eq !== -1 && eq < end;
      let name: string | undefined = text.slice(start, hasValue ? eq : end);
      let value: string | undefined = hasValue ? text.slice(eq + 1, end) : '';
      if (!plain) {
        name = decodeComponent(name, true, fatal);
        value = decodeComponent(value, true, fatal);
        if (name === undefined || value === undefined) return undefined;
      }
      addParam(params, name, value);
    }
    start = end + 1;
  }
  return params;
}

/**
 * Decodes a raw URL path (§1.1, §1.10): `%XX` are bytes read as strict UTF-8, `%2F` becomes a
 * real `/` (Pecan routes encoded slashes as separators), `+` stays a literal plus, and a
 * malformed escape such as `%zz` stays literal text (as WebOb does). Not UTF-8 → 400.
 */
export function decodePath(rawPath: string): string {
  if (rawPath.indexOf('%') === -1) return rawPath;
  const path = decodeComponent(rawPath, false, true);
  if (path === undefined) throw new HTTPError(400, 'Invalid URL: path is not UTF-8 encoded');
  return path;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Percent-decodes one component; `undefined` when `fatal` and the bytes are not UTF-8. */
function decodeComponent(text: string, plusIsSpace: boolean, fatal: boolean): string | undefined {
  // Plus first: an encoded plus (%2B) must survive as '+'.
  if (plusIsSpace && text.indexOf('+') !== -1) text = text.replaceAll('+', ' ');
  if (text.indexOf('%') === -1) return text;
  try {
    // Native and fast; it throws on malformed escapes and on invalid UTF-8 alike.
    return decodeURIComponent(text);
  } catch {
    // Tell the two apart by decoding the bytes ourselves.
  }
  const bytes = percentDecodeBytes(text);
  if (!fatal) return lenientUtf8.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `%XX` → one byte, a malformed escape stays literal, other text is encoded as UTF-8. */
function percentDecodeBytes(text: string): Buffer {
  // A UTF-16 unit never needs more than 3 UTF-8 bytes (a surrogate pair is 2 units, 4 bytes).
  const out = Buffer.allocUnsafe(text.length * 3);
  const length = text.length;
  let n = 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 0x25 && i + 2 < length) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high !== -1 && low !== -1) {
        out[n++] = (high << 4) | low;
        i += 3;
        continue;
      }
    }
    if (code < 0x80) {
      out[n++] = code;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < length && text.charCodeAt(j) >= 0x80) j++;
    n += out.write(text.slice(i, j), n, 'utf8');
    i = j;
  }
  return out.subarray(0, n);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

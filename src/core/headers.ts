import { headerValueError } from './pecan-errors.js';
/**
 * Response headers with the Fetch `Headers` API (get/set/append/delete/has/forEach/entries),
 * without the cost of building a Fetch object on the Node path. Names are case-insensitive;
 * the case first used for a name is kept on the wire. `Set-Cookie` keeps one entry per cookie.
 */
export class ResponseHeaders {
  // Two parallel lists rather than a Map of pairs: a response has a handful of headers, and the
  // wire list is what `writeHead` takes, so sending needs no conversion.
  /** Lower-cased names, in insertion order (`set-cookie` aside). */
  private readonly names: string[] = [];
  /** `[name, value, name, value, …]`: `names[i]` is `wire[2 * i]` in its wire case. */
  private readonly wire: string[] = [];
  private cookies: string[] | null = null;

  constructor(init?: Iterable<[string, string]> | Record<string, string>) {
    if (init === undefined) return;
    const pairs = Symbol.iterator in init ? init : Object.entries(init);
    for (const [name, value] of pairs as Iterable<[string, string]>) this.append(name, value);
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key === 'set-cookie') return this.cookies ? this.cookies.join(', ') : null;
    const i = this.names.indexOf(key);
    return i === -1 ? null : this.wire[2 * i + 1]!;
  }

  getSetCookie(): string[] {
    return this.cookies ? this.cookies.slice() : [];
  }

  has(name: string): boolean {
    const key = name.toLowerCase();
    return key === 'set-cookie' ? this.cookies !== null : this.names.includes(key);
  }

  set(name: string, value: string | number): void {
    const key = name.toLowerCase();
    const text = checkHeaderValue(name, value);
    if (key === 'set-cookie') this.cookies = [text];
    else this.put(key, name, text);
  }

  append(name: string, value: string | number): void {
    const key = name.toLowerCase();
    const text = checkHeaderValue(name, value);
    if (key === 'set-cookie') {
      (this.cookies ??= []).push(text);
      return;
    }
    const i = this.names.indexOf(key);
    if (i === -1) this.add(key, name, text);
    else this.wire[2 * i + 1] = `${this.wire[2 * i + 1]}, ${text}`;
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') {
      this.cookies = null;
      return;
    }
    const i = this.names.indexOf(key);
    if (i === -1) return;
    this.names.splice(i, 1);
    this.wire.splice(2 * i, 2);
  }

  /**
   * Internal (for pecan's own code): sets the Content-Type without the checks of `set`, for a
   * value already checked once (see `contentTypeHeader`). A name set earlier keeps its case.
   */
  setContentType(value: string): void {
    this.put('content-type', 'Content-Type', value);
  }

  /** Internal (for the adapters): sets the Content-Length of a body they measured. */
  setContentLength(length: number): void {
    this.put('content-length', 'Content-Length', lengthText(length));
  }

  /** Internal: `has('content-type')` without lower-casing the name. */
  hasContentType(): boolean {
    return this.names.includes('content-type');
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const [name, value] of this) fn(value, name);
  }

  *entries(): IterableIterator<[string, string]> {
    // A copy, so the loop body may change the headers (as it may a Fetch `Headers`).
    const names = this.names.slice();
    const wire = this.wire.slice();
    for (let i = 0; i < names.length; i++) yield [names[i]!, wire[2 * i + 1]!];
    if (this.cookies) for (const cookie of this.cookies.slice()) yield ['set-cookie', cookie];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /**
   * Flat `[name, value, name, value, …]` list with the wire-case names, for `writeHead`. Without
   * cookies this is the headers' own list (no copy, as this runs for every response): pass it
   * on at once, and neither keep it nor change it.
   */
  toRawList(): string[] {
    if (this.cookies === null) return this.wire;
    const raw = this.wire.slice();
    for (const cookie of this.cookies) raw.push('Set-Cookie', cookie);
    return raw;
  }

  private put(key: string, name: string, text: string): void {
    const i = this.names.indexOf(key);
    if (i === -1) this.add(key, name, text);
    else this.wire[2 * i + 1] = text;
  }

  private add(key: string, name: string, text: string): void {
    this.names.push(key);
    this.wire.push(name, text);
  }
}

// Most bodies are small: their lengths as text are made once, not for every response.
const SMALL_LENGTHS: string[] = [];
const SMALL = 16384;

function lengthText(length: number): string {
  if (length >= SMALL || length < 0) return String(length);
  return (SMALL_LENGTHS[length] ??= String(length));
}

const INVALID_VALUE = /[\r\n\0]/;

/** A header value as text; a CR, LF or NUL (which would split the response) is a TypeError. */
export function checkHeaderValue(name: string, value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  // Header injection guard: a CR/LF in a value would split the response.
  if (INVALID_VALUE.test(text)) throw headerValueError(name);
  return text;
}

/**
 * Response headers with the Fetch `Headers` API (get/set/append/delete/has/forEach/entries),
 * without the cost of building a Fetch object on the Node path. Names are case-insensitive;
 * the case first used for a name is kept on the wire. `Set-Cookie` keeps one entry per cookie.
 */
export class ResponseHeaders {
  // lower-cased name → [wire name, value]
  private readonly map = new Map<string, [string, string]>();
  private cookies: string[] | null = null;

  constructor(init?: Iterable<[string, string]> | Record<string, string>) {
    if (init === undefined) return;
    const pairs = Symbol.iterator in init ? init : Object.entries(init);
    for (const [name, value] of pairs as Iterable<[string, string]>) this.append(name, value);
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key === 'set-cookie') return this.cookies ? this.cookies.join(', ') : null;
    const entry = this.map.get(key);
    return entry === undefined ? null : entry[1];
  }

  getSetCookie(): string[] {
    return this.cookies ? this.cookies.slice() : [];
  }

  has(name: string): boolean {
    const key = name.toLowerCase();
    return key === 'set-cookie' ? this.cookies !== null : this.map.has(key);
  }

  set(name: string, value: string | number): void {
    const key = name.toLowerCase();
    const text = checkValue(name, value);
    if (key === 'set-cookie') this.cookies = [text];
    else this.map.set(key, [name, text]);
  }

  append(name: string, value: string | number): void {
    const key = name.toLowerCase();
    const text = checkValue(name, value);
    if (key === 'set-cookie') {
      (this.cookies ??= []).push(text);
      return;
    }
    const entry = this.map.get(key);
    if (entry === undefined) this.map.set(key, [name, text]);
    else entry[1] = `${entry[1]}, ${text}`;
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies = null;
    else this.map.delete(key);
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const [name, value] of this) fn(value, name);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const [key, [, value]] of this.map) yield [key, value];
    if (this.cookies) for (const cookie of this.cookies) yield ['set-cookie', cookie];
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

  /** Flat `[name, value, name, value, …]` list with the wire-case names, for `writeHead`. */
  toRawList(): string[] {
    const raw: string[] = [];
    for (const [name, value] of this.map.values()) raw.push(name, value);
    if (this.cookies) for (const cookie of this.cookies) raw.push('Set-Cookie', cookie);
    return raw;
  }
}

const INVALID_VALUE = /[\r\n\0]/;

function checkValue(name: string, value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  // Header injection guard: a CR/LF in a value would split the response.
  if (INVALID_VALUE.test(text)) throw new TypeError(`Invalid value for header "${name}"`);
  return text;
}

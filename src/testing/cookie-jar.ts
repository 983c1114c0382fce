/**
 * The cookies a TestApp keeps between requests, like WebTest's: what responses set is sent back
 * on later requests to matching paths. A small RFC 6265 subset — one host, so Domain and Secure
 * are not checked.
 */

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  /** Milliseconds since the epoch; null for a session cookie. */
  expires: number | null;
}

export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  /** Stores (or removes) the cookies of a response's `Set-Cookie` headers. */
  storeFrom(headers: Headers, requestPath: string): void {
    for (const line of headers.getSetCookie()) this.#storeLine(line, requestPath);
  }

  /** The `Cookie` header for a request to `path`, or null when no cookie applies. */
  headerFor(path: string): string | null {
    const now = Date.now();
    const pairs: string[] = [];
    for (const [key, cookie] of this.#cookies) {
      if (cookie.expires !== null && cookie.expires <= now) this.#cookies.delete(key);
      else if (pathMatches(path, cookie.path)) pairs.push(`${cookie.name}=${cookie.value}`);
    }
    return pairs.length === 0 ? null : pairs.join('; ');
  }

  set(name: string, value: string, path = '/'): void {
    this.#cookies.set(keyOf(name, path), { name, value, path, expires: null });
  }

  /** Name → value of the cookies kept (values as the server sent them). */
  toObject(): Record<string, string> {
    // fromEntries defines properties, so a cookie named `__proto__` is plain data.
    return Object.fromEntries([...this.#cookies.values()].map((c) => [c.name, c.value]));
  }

  clear(): void {
    this.#cookies.clear();
  }

  #storeLine(line: string, requestPath: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const cookie: StoredCookie = {
      name: pair.slice(0, eq).trim(),
      value: pair.slice(eq + 1).trim(),
      path: defaultPath(requestPath),
      expires: null,
    };
    let maxAge: number | null = null;
    for (const attribute of attributes) {
      const at = attribute.indexOf('=');
      const name = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
      const value = at === -1 ? '' : attribute.slice(at + 1).trim();
      if (name === 'path' && value.startsWith('/')) cookie.path = value;
      else if (name === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
      else if (name === 'expires' && !Number.isNaN(Date.parse(value)))
        cookie.expires = Date.parse(value);
    }
    // Max-Age wins over Expires (RFC 6265 §5.3).
    if (maxAge !== null) cookie.expires = Date.now() + maxAge * 1000;
    const key = keyOf(cookie.name, cookie.path);
    if (cookie.expires !== null && cookie.expires <= Date.now()) this.#cookies.delete(key);
    else this.#cookies.set(key, cookie);
  }
}

function keyOf(name: string, path: string): string {
  return `${path}\n${name}`;
}

/** RFC 6265 §5.1.4: the request path up to its last slash. */
function defaultPath(requestPath: string): string {
  const path = requestPath.split('?')[0] ?? '';
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

import { cookieNameError, cookieOptionError, cookieValueError } from './pecan-errors.js';
import { nullObject } from './null-object.js';
/**
 * Reads a Cookie header into a null-prototype object (so a cookie named `__proto__` is plain
 * data). Tolerant, as WebOb is: pairs without '=' or without a name are skipped, the first
 * occurrence of a name wins, surrounding quotes are removed, and a value that does not
 * percent-decode cleanly is kept as sent.
 */
export function parseCookies(header: string | null | undefined): Record<string, string> {
  const cookies = nullObject<Record<string, string>>();
  if (!header) return cookies;
  const length = header.length;
  let start = 0;
  while (start < length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = length;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const name = header.slice(start, eq).trim();
      if (name !== '' && cookies[name] === undefined) {
        cookies[name] = decodeValue(header.slice(eq + 1, end).trim());
      }
    }
    start = end + 1;
  }
  return cookies;
}

function decodeValue(value: string): string {
  if (value.length >= 2 && value.charCodeAt(0) === 0x22 && value.endsWith('"')) {
    value = value.slice(1, -1);
  }
  if (value.indexOf('%') === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface CookieOptions {
  /** Seconds until expiry; 0 or less expires the cookie at once. */
  maxAge?: number;
  expires?: Date;
  path?: string;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  /** `true` means `Strict`, `false` sends no attribute. */
  sameSite?: 'Strict' | 'Lax' | 'None' | boolean;
  partitioned?: boolean;
  priority?: 'Low' | 'Medium' | 'High';
}

// RFC 6265 §4.1.1: a cookie name is an RFC 7230 token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 6265 cookie-octet: what an encoded value may contain.
const COOKIE_OCTETS = /^[\u0021\u0023-\u002b\u002d-\u003a\u003c-\u005b\u005d-\u007e]*$/;

// Maps, not object lookups, so a JavaScript caller's 'constructor' finds nothing.
const SAME_SITE = new Map<unknown, string>([
  [true, 'Strict'],
  ['Strict', 'Strict'],
  ['Lax', 'Lax'],
  ['None', 'None'],
]);
const PRIORITIES = new Set<unknown>(['Low', 'Medium', 'High']);

/**
 * Builds one Set-Cookie header value. The value is percent-encoded (`encodeURIComponent`), so
 * any string is accepted; a name that is not a token, or a path/domain holding a control
 * character or ';', is a TypeError naming the bad part (header injection is never possible).
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) throw cookieNameError(name);
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // encodeURIComponent refuses lone surrogates.
    throw cookieValueError(name, 'not well-formed Unicode');
  }
  if (!COOKIE_OCTETS.test(encoded)) {
    throw cookieValueError(name, JSON.stringify(encoded));
  }
  let cookie = `${name}=${encoded}`;
  if (options.maxAge !== undefined) {
    if (!Number.isFinite(options.maxAge)) {
      throw cookieOptionError('maxAge', name, String(options.maxAge));
    }
    cookie += `; Max-Age=${Math.floor(options.maxAge)}`;
  }
  if (options.domain !== undefined) cookie += `; Domain=${checked(name, 'domain', options.domain)}`;
  if (options.path !== undefined) cookie += `; Path=${checked(name, 'path', options.path)}`;
  if (options.expires !== undefined) {
    if (!(options.expires instanceof Date) || Number.isNaN(options.expires.getTime())) {
      throw cookieOptionError('expires', name, 'not a valid Date');
    }
    cookie += `; Expires=${options.expires.toUTCString()}`;
  }
  if (options.httpOnly) cookie += '; HttpOnly';
  if (options.secure) cookie += '; Secure';
  if (options.partitioned) cookie += '; Partitioned';
  if (options.priority !== undefined) {
    if (!PRIORITIES.has(options.priority)) {
      throw cookieOptionError('priority', name, String(options.priority));
    }
    cookie += `; Priority=${options.priority}`;
  }
  if (options.sameSite !== undefined && options.sameSite !== false) {
    const sameSite = SAME_SITE.get(options.sameSite);
    if (sameSite === undefined) {
      throw cookieOptionError('sameSite', name, String(options.sameSite));
    }
    cookie += `; SameSite=${sameSite}`;
  }
  return cookie;
}

function checked(name: string, part: 'path' | 'domain', value: string): string {
  if (hasUnsafeChar(value)) {
    throw cookieOptionError(part, name, JSON.stringify(value));
  }
  return value;
}

/** A control character or ';' would end the attribute or split the header line. */
function hasUnsafeChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x3b) return true;
  }
  return false;
}

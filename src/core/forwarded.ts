/**
 * The `X-Forwarded-*` headers a reverse proxy adds. They are only read when the app trusts its
 * proxy (`trustProxy`, off by default): otherwise any client could choose the scheme and host of
 * the redirects pecan builds. Even when trusted, a value that is not a plain scheme or host is
 * ignored, so a header such as `javascript` or `evil.example/#` never reaches a `Location`.
 * (Python Pecan honours `X-Forwarded-Proto` always and verbatim, §1.4; see the porting guide.)
 */
import type { RequestHeaders } from './request.js';

// A host as it may appear in a Host header: a name or IPv4 address, or a bracketed IPv6
// address, with an optional port (RFC 9110 §7.2, RFC 3986 §3.2.2).
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(?::[0-9]{1,5})?$/i;

/** The first (client-most) value of a comma-separated header, trimmed; null if empty. */
function first(value: string | null): string | null {
  if (value === null) return null;
  const comma = value.indexOf(',');
  const one = (comma === -1 ? value : value.slice(0, comma)).trim();
  return one === '' ? null : one;
}

/** `http` or `https` from `X-Forwarded-Proto`, or null when absent or anything else. */
export function forwardedScheme(headers: RequestHeaders): string | null {
  const proto = first(headers.get('x-forwarded-proto'))?.toLowerCase();
  return proto === 'http' || proto === 'https' ? proto : null;
}

/** `host[:port]` from `X-Forwarded-Host` when it is a well-formed host, else null. */
export function forwardedHost(headers: RequestHeaders): string | null {
  const host = first(headers.get('x-forwarded-host'));
  return host !== null && isHost(host) ? host : null;
}

/**
 * The client's address from `X-Forwarded-For`: its last entry, the one the trusted proxy
 * appended. Earlier entries were sent by the client and prove nothing. Null when absent.
 */
export function forwardedFor(headers: RequestHeaders): string | null {
  const value = headers.get('x-forwarded-for');
  if (value === null) return null;
  const last = value.slice(value.lastIndexOf(',') + 1).trim();
  return /^[0-9a-f.:[\]]{2,47}$/i.test(last) ? last : null;
}

export function isHost(value: string): boolean {
  return HOST.test(value);
}

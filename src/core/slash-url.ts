import type { PecanRequest } from './request.js';

/**
 * The request URL with a slash added to its path: where the canonical-URL redirect,
 * `redirect({ addSlash: true })` and static folders send the client. The scheme and host are
 * the request's origin, which follows `X-Forwarded-Proto`/`-Host` only when the app trusts its
 * proxy (core/forwarded.ts; Pecan always copies `X-Forwarded-Proto`, §1.4).
 */
export function slashUrl(request: PecanRequest): string {
  const query = request.queryString === '' ? '' : `?${request.queryString}`;
  return `${request.origin}${request.rawPath}/${query}`;
}

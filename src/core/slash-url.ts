import type { PecanRequest } from './request.js';

/**
 * The request URL with a slash added to its path, honouring `X-Forwarded-Proto` (§1.4): where
 * the canonical-URL redirect, `redirect({ addSlash: true })` and static folders send the client.
 */
export function slashUrl(request: PecanRequest): string {
  const proto = request.headers.get('x-forwarded-proto');
  const origin = proto
    ? request.origin.replace(/^[a-z]+:/i, `${proto.split(',')[0]!.trim()}:`)
    : request.origin;
  const query = request.queryString === '' ? '' : `?${request.queryString}`;
  return `${origin}${request.rawPath}/${query}`;
}

import { HTTPError, InternalRedirect, type HeadersInit } from './errors.js';
import { currentScope } from './context.js';
import { slashUrl } from './slash-url.js';
import type { PecanRequest } from './request.js';
import {
  redirectInternalCodeError,
  redirectInternalLocationError,
  redirectLocationError,
  redirectNoRequestError,
} from './pecan-errors.js';

export interface RedirectOptions {
  /** Status code: 302 by default; 301, 303, 307, 308 … */
  code?: number;
  /** Re-dispatch inside the app instead of answering with a redirect (§7.6). */
  internal?: boolean;
  headers?: HeadersInit;
  /** Redirect to the current URL (or `location`) with a trailing slash added. */
  addSlash?: boolean;
  /** The request, in explicit mode (`contextLocals: false`). */
  request?: PecanRequest;
}

/**
 * `redirect(location, options)` (§7.6): throws the redirect. External redirects get an absolute
 * `Location` resolved against the request URL; internal ones re-dispatch the same request.
 */
export function redirect(location?: string, options: RedirectOptions = {}): never {
  const request = options.request ?? currentScope()?.request;
  if (options.internal) {
    if (options.code !== undefined) throw redirectInternalCodeError();
    if (location === undefined) throw redirectInternalLocationError();
    throw new InternalRedirect(location);
  }
  let target: string;
  if (location === undefined) {
    if (request === undefined) throw redirectNoRequestError();
    target = options.addSlash ? slashUrl(request) : request.url;
  } else {
    target = request ? resolveLocation(location, request.url) : location;
    // Pecan crashes on add_slash with a location (§15.5 #2); here it adds the slash to that URL.
    if (options.addSlash) target = addSlashTo(target);
  }
  throw new HTTPError(options.code ?? 302, { location: target, headers: options.headers });
}

/**
 * `location` made absolute against the request URL. One that is not a URL (`http://[`, a port
 * over 65535) is the developer's error, a logged 500 with its own code, not a bare `TypeError`.
 */
function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw redirectLocationError(location);
  }
}

function addSlashTo(url: string): string {
  const cut = url.search(/[?#]/);
  const path = cut === -1 ? url : url.slice(0, cut);
  if (path.endsWith('/')) return url;
  return cut === -1 ? `${path}/` : `${path}/${url.slice(cut)}`;
}

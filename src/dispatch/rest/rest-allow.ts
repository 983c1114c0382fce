import type { HTTPError } from '../../core/errors.js';
import { findController } from './rest-handlers.js';
import { ALLOW_VERBS, GET_METHODS } from './rest-rules.js';

/**
 * The `Allow` value of a RestController's 405 (§4.8): GET when a GET method exists, then each
 * verb whose method exists, sorted. DESIGN §5.6: HEAD is served wherever GET is, so it is listed
 * with it; and `null` (no header) rather than Pecan's empty `Allow:`.
 */
export function allowedRestMethods(self: object): string | null {
  const allow: string[] = [];
  if (GET_METHODS.some((name) => findController(self, name) !== undefined))
    allow.push('GET', 'HEAD');
  for (const verb of ALLOW_VERBS) {
    if (!allow.includes(verb) && findController(self, verb.toLowerCase()) !== undefined)
      allow.push(verb);
  }
  return allow.length === 0 ? null : allow.sort().join(', ');
}

/**
 * §4.2 step 6: a 405 leaving a RestController carries that controller's `Allow`, replacing one
 * a sub-controller set (Pecan assigns `e.allow` on the way out, as here).
 */
export function setAllow(error: HTTPError, self: object): HTTPError {
  const headers = error.headers;
  for (let i = headers.length - 1; i >= 0; i--)
    if (headers[i]![0].toLowerCase() === 'allow') headers.splice(i, 1);
  const allow = allowedRestMethods(self);
  if (allow !== null) headers.push(['Allow', allow]);
  return error;
}

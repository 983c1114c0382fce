import type { State } from './state.js';
import type { InternalRedirect } from '../core/errors.js';
import { forwardRequest } from '../core/forward.js';
import { forwardLoopError } from '../core/pecan-errors.js';

/**
 * §7.6 `redirect(path, { internal: true })`: the same state starts over with a request for the
 * new path — a new request, so the first one's controller hooks no longer apply. `visited`
 * holds the paths of the passes so far; a path visited twice is a loop, not a redirect.
 */
export function followInternalRedirect(
  state: State,
  redirect: InternalRedirect,
  visited: Set<string>,
): Set<string> {
  const old = state.request;
  visited.add(old.rawPath);
  // §7.6: without a `?query` in the location the query string is kept.
  const next = forwardRequest(old, redirect.location, old.queryString);
  if (visited.has(next.rawPath)) throw forwardLoopError(next.rawPath, [...visited].join(', '));
  state.request = next;
  state.response = new state.app.responseCls();
  state.controller = null;
  state.arguments = null;
  state.hooks = state.app.hooks;
  state.chains = state.app.chains;
  return visited;
}

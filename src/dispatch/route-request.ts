/**
 * Stages 4 and 5 of the request story (docs/lifecycle.md): the endpoint for the routing path,
 * and the canonical-URL rule for it.
 */
import { HTTPError } from '../core/errors.js';
import type { App } from '../app/app.js';
import type { PecanRequest } from '../core/request.js';
import { slashUrl } from '../core/slash-url.js';
import { acceptsNoncanonical } from '../controller/expose.js';
import type { Found, Endpoint } from './endpoint.js';
import { lookupRoot } from './memo-lookup.js';

/** §1.2 object dispatch from the app's root, through the app's memo (memo-lookup.ts). */
export function findEndpoint(app: App, request: PecanRequest, path: string): Found {
  return lookupRoot(app.root, path, request, app.routeMemo);
}

/** §1.4: `/sub` on a controller with an index redirects to `/sub/` (302; 307 when not GET/HEAD, DESIGN §5.4). */
export function checkCanonical(app: App, request: PecanRequest, endpoint: Endpoint): void {
  if (!endpoint.nonCanonical || !app.forceCanonical || acceptsNoncanonical(endpoint.fn)) return;
  const safe = request.method === 'GET' || request.method === 'HEAD';
  throw new HTTPError(safe ? 302 : 307, { location: slashUrl(request) });
}

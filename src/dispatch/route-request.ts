import { HTTPError } from '../core/errors.js';
import type { App } from '../app/app.js';
import type { PecanRequest } from '../core/request.js';
import { acceptsNoncanonical } from '../controller/expose.js';
import { lookupController, lookupRoot, type Endpoint } from './lookup.js';
import { isSecurityActive } from '../security/marks.js';
import { splitPath } from './split-path.js';
import { slashUrl } from '../core/slash-url.js';

export { splitPath };
import { applyExtension } from './negotiate.js';
import { isPromise } from '../core/is-promise.js';

/** §3.4 extension, §1.2 object dispatch and §1.4 canonical URL, for the request's path. */
export function routeRequest(app: App, request: PecanRequest): Endpoint | Promise<Endpoint> {
  const path = app.guessContentTypeFromExt ? applyExtension(request, request.path) : request.path;
  let found: Endpoint | Promise<Endpoint>;
  // DESIGN §6: a path walked before through attributes only is not walked again (route-memo.ts).
  if (isSecurityActive()) found = lookupController(app.root, splitPath(path), request);
  else found = lookupRoot(app.root, path, request, app.routeMemo);
  return isPromise<Endpoint>(found)
    ? found.then((e) => checkCanonical(app, request, e))
    : checkCanonical(app, request, found);
}

/** §1.4: `/sub` on a controller with an index redirects to `/sub/` (302; 307 when not GET/HEAD, DESIGN §5.4). */
function checkCanonical(app: App, request: PecanRequest, endpoint: Endpoint): Endpoint {
  if (!endpoint.nonCanonical || !app.forceCanonical || acceptsNoncanonical(endpoint.fn))
    return endpoint;
  const safe = request.method === 'GET' || request.method === 'HEAD';
  throw new HTTPError(safe ? 302 : 307, { location: slashUrl(request) });
}

import type { PecanApp } from '../../make-app.js';
import { listRoutes, type RouteRow } from '../../dispatch/route-list/list-routes.js';
import { listRestRoutes } from '../../dispatch/route-list/rest-routes.js';

/** Every URL pattern of an app, below its mount point (`basePath`). */
export function listAppRoutes(app: PecanApp): RouteRow[] {
  const rows = listRoutes(app.app.root, {
    explicitArgs: !app.app.contextLocals,
    routeOwn: listRestRoutes,
  });
  const base = app.app.basePath;
  return base === '' ? rows : rows.map((row) => ({ ...row, path: base + row.path }));
}

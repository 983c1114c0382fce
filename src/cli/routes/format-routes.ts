import type { RouteRow } from '../../dispatch/route-list/list-routes.js';

/** The rows as an aligned table, in walk order (each controller's index first, then below it). */
export function formatRoutes(rows: readonly RouteRow[]): string {
  if (rows.length === 0) return 'No routes: the root controller exposes nothing.\n';
  const notes = rows.some((row) => row.note !== '');
  type Columns = Pick<RouteRow, 'methods' | 'path' | 'handler' | 'note'>;
  const header: Columns = {
    methods: 'METHOD',
    path: 'PATH',
    handler: 'HANDLER',
    note: notes ? 'NOTE' : '',
  };
  const all: Columns[] = [header, ...rows];
  const width = (key: keyof Columns) => Math.max(...all.map((row) => row[key].length));
  const methods = width('methods');
  const path = width('path');
  const handler = width('handler');
  return all
    .map((row) =>
      `${row.methods.padEnd(methods)}  ${row.path.padEnd(path)}  ${row.note ? row.handler.padEnd(handler) + '  ' + row.note : row.handler}`.trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

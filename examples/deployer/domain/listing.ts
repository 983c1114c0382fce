/**
 * The deployments list: filtered by status and app, newest first, paged as OpenStack APIs page
 * (`limit` and `marker`, the id of the last item of the previous page): a page never shifts
 * when deployments are added, as it would with page numbers.
 */
import { findApp } from './catalogue.js';
import { toDeployment, type Deployment, type Q } from './deployments.js';
import { InvalidInput } from './errors.js';
import { isStatus, type Status } from './states.js';
import type { FieldErrors } from './validation.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface ListQuery {
  /** Only these statuses. Without it, deleted deployments are left out (as Heat does). */
  status?: Status[];
  app?: string;
  limit: number;
  marker?: string;
}

export interface DeploymentPage {
  deployments: Deployment[];
  /** The marker of the next page, or null on the last page. */
  nextMarker: string | null;
}

/** Reads the query string (`status` may repeat or be comma-separated). */
export function checkListQuery(query: Record<string, unknown>): ListQuery {
  const errors: FieldErrors = {};
  const list: ListQuery = { limit: DEFAULT_LIMIT };
  const statuses = [query.status]
    .flat()
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .flatMap((value) => value.split(','));
  if (statuses.length > 0) {
    const unknown = statuses.filter((status) => !isStatus(status));
    if (unknown.length > 0) errors.status = `Unknown status ${unknown.join(', ')}.`;
    else list.status = statuses as Status[];
  }
  if (query.app !== undefined && query.app !== '') {
    if (typeof query.app === 'string' && findApp(query.app)) list.app = query.app;
    else errors.app = 'Unknown app.';
  }
  if (query.limit !== undefined && query.limit !== '') {
    const limit = typeof query.limit === 'string' ? Number(query.limit) : NaN;
    if (Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT) list.limit = limit;
    else errors.limit = `limit is a whole number from 1 to ${MAX_LIMIT}.`;
  }
  if (typeof query.marker === 'string' && query.marker !== '') list.marker = query.marker;
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  return list;
}

export async function listDeployments(q: Q, list: ListQuery): Promise<DeploymentPage> {
  let select = q.selectFrom('deployments').selectAll();
  select = list.status
    ? select.where('status', 'in', list.status)
    : select.where('status', '!=', 'DELETE_COMPLETE');
  if (list.app) select = select.where('app', '=', list.app);
  if (list.marker) {
    const marker = await q
      .selectFrom('deployments')
      .select(['id', 'created_at'])
      .where('id', '=', list.marker)
      .executeTakeFirst();
    if (!marker) throw new InvalidInput({ marker: `Marker ${list.marker} could not be found.` });
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', marker.created_at),
        eb.and([eb('created_at', '=', marker.created_at), eb('id', '<', marker.id)]),
      ]),
    );
  }
  // One more than asked tells whether there is a next page.
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(list.limit + 1)
    .execute();
  const page = rows.slice(0, list.limit).map(toDeployment);
  return {
    deployments: page,
    nextMarker: rows.length > list.limit ? page[page.length - 1]!.id : null,
  };
}

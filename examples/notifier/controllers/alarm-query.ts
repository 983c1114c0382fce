/** The filters and paging of an alarm list, read from the query string (API and web page). */
import { isAlarmState, ALARM_STATES } from '../domain/alarm-states.js';
import type { AlarmFilters, Page } from '../domain/alarms.js';
import { isSeverity, SEVERITIES } from '../domain/severities.js';
import type { FieldErrors } from './http-helpers.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export type AlarmQuery =
  { ok: true; filters: AlarmFilters; page: Page } | { ok: false; errors: FieldErrors };

export function parseAlarmQuery(params: Record<string, unknown>): AlarmQuery {
  const errors: FieldErrors = {};
  const filters: AlarmFilters = {};
  const page: Page = { limit: DEFAULT_LIMIT };
  const { state, severity, deployment, limit, marker } = params;

  if (present(state)) {
    if (isAlarmState(state)) filters.state = state;
    else errors.state = `must be one of ${ALARM_STATES.join(', ')}`;
  }
  if (present(severity)) {
    if (isSeverity(severity)) filters.severity = severity;
    else errors.severity = `must be one of ${SEVERITIES.join(', ')}`;
  }
  if (present(deployment)) {
    if (typeof deployment === 'string') filters.deployment = deployment;
    else errors.deployment = 'must be one deployment id';
  }
  if (present(limit)) {
    const n = integer(limit);
    if (n !== null && n >= 1 && n <= MAX_LIMIT) page.limit = n;
    else errors.limit = `must be an integer from 1 to ${MAX_LIMIT}`;
  }
  if (present(marker)) {
    const n = integer(marker);
    if (n !== null && n >= 1) page.marker = n;
    else errors.marker = 'must be the id of an alarm';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, filters, page };
}

/** The query string of the next page: the same filters, the next marker. */
export function nextPageQuery(filters: AlarmFilters, page: Page, nextMarker: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  if (page.limit !== DEFAULT_LIMIT) params.set('limit', String(page.limit));
  params.set('marker', String(nextMarker));
  return params.toString();
}

// An empty field (a form's "any" choice) is no filter.
function present(value: unknown): boolean {
  return value !== undefined && value !== '';
}

function integer(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

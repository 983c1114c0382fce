/**
 * Alarms in the database: raised by notifications, moved through the state machine
 * (alarm-states.ts), listed and read with their history. Plain functions of a Kysely executor.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Notification } from '../../shared/notification.js';
import type { AlarmDefinition } from './alarm-definitions.js';
import { OPEN_STATES, transition, type AlarmState } from './alarm-states.js';
import type { AlarmDetail, AlarmView } from './alarm-view.js';
import { historyOf, recordStateChange } from './history.js';
import type { AlarmsTable, NotifierDatabase } from './schema.js';
import type { Severity } from './severities.js';
import type { Subject } from './subject-of.js';

type Q = Kysely<NotifierDatabase>;

/** Raises a new alarm, in `alarm`, for a notification that matched `definition`. */
export async function raiseAlarm(
  q: Q,
  definition: AlarmDefinition,
  notification: Notification,
  { deployment, stack }: Subject,
): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await q
    .insertInto('alarms')
    .values({
      definition_id: definition.id,
      definition_name: definition.name,
      severity: definition.severity,
      state: 'alarm',
      deployment_id: deployment?.id ?? null,
      deployment_name: deployment?.name ?? null,
      status_reason: deployment?.statusReason ?? stack?.statusReason ?? null,
      stack_id: stack?.id ?? null,
      stack_name: stack?.name ?? null,
      message_id: notification.message_id,
      event_type: notification.event_type,
      publisher_id: notification.publisher_id,
      notified_at: notification.timestamp,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reason = `${notification.event_type} matched ${definition.eventType}`;
  await recordStateChange(q, id, { from: null, to: 'alarm', reason, at: now });
  return id;
}

/**
 * The open alarm a definition raised for a subject, if any: a Heat failure repeated while its
 * alarm is open (Heat reports a nested stack's failure more than once, then its parent's) adds
 * to that alarm instead of raising another.
 */
export async function openAlarmOf(
  q: Q,
  definitionId: number,
  whose: Clearing,
): Promise<{ id: number; state: AlarmState } | null> {
  const row = await whoseAlarms(q, whose)
    .where('definition_id', '=', definitionId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? { id: Number(row.id), state: row.state as AlarmState } : null;
}

/** Records on an open alarm that its definition matched again; it stays as it is. */
export async function recordRepeat(
  q: Q,
  alarm: { id: number; state: AlarmState },
  reason: string,
): Promise<void> {
  const at = new Date().toISOString();
  await recordStateChange(q, alarm.id, { from: alarm.state, to: alarm.state, reason, at });
  await q.updateTable('alarms').set({ updated_at: at }).where('id', '=', alarm.id).execute();
}

export type StateChange =
  | { ok: true; alarm: AlarmDetail; changed: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; detail: string };

/** Moves an alarm to `to` if the state machine allows it, recording why. */
export async function changeState(
  q: Q,
  id: number,
  to: AlarmState,
  reason: string,
): Promise<StateChange> {
  const row = await q.selectFrom('alarms').select('state').where('id', '=', id).executeTakeFirst();
  if (!row) return { ok: false, reason: 'not-found' };
  const from = row.state as AlarmState;
  const allowed = transition(from, to);
  if (!allowed.ok) return { ok: false, reason: 'conflict', detail: allowed.reason };
  if (allowed.changed) await moveAlarm(q, id, from, to, reason);
  return { ok: true, alarm: (await getAlarm(q, id))!, changed: allowed.changed };
}

/** Whose open alarms a success clears: a deployment's, or a stack's that belongs to none. */
export type Clearing = { deploymentId: string } | { stackId: string };

/**
 * Clears (to `ok`) every open alarm of a deployment (or of a stack), except `keep` (the alarms
 * the clearing notification raised itself). Returns the ids cleared.
 */
export async function clearOpenAlarms(
  q: Q,
  whose: Clearing,
  keep: number[],
  reason: string,
): Promise<number[]> {
  let query = whoseAlarms(q, whose);
  if (keep.length > 0) query = query.where('id', 'not in', keep);
  const open = await query.orderBy('id').execute();
  for (const alarm of open) await moveAlarm(q, alarm.id, alarm.state as AlarmState, 'ok', reason);
  return open.map((alarm) => alarm.id);
}

/** The open alarms of a deployment, or of a stack that belongs to none. */
function whoseAlarms(q: Q, whose: Clearing) {
  const query = q.selectFrom('alarms').select(['id', 'state']).where('state', 'in', OPEN_STATES);
  return 'deploymentId' in whose
    ? query.where('deployment_id', '=', whose.deploymentId)
    : query.where('stack_id', '=', whose.stackId).where('deployment_id', 'is', null);
}

async function moveAlarm(q: Q, id: number, from: AlarmState, to: AlarmState, reason: string) {
  const at = new Date().toISOString();
  // History first: on PostgreSQL a history insert waits for the table's commit-order lock
  // (migrate.ts, orderIdsByCommit), and a transaction must not wait for it while holding an
  // alarm's row that the lock's holder may be about to update (a deadlock).
  await recordStateChange(q, id, { from, to, reason, at });
  await q.updateTable('alarms').set({ state: to, updated_at: at }).where('id', '=', id).execute();
}

export async function getAlarm(q: Q, id: number): Promise<AlarmDetail | null> {
  const row = await q.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...toView(row), history: await historyOf(q, id) } : null;
}

export interface AlarmFilters {
  state?: AlarmState;
  severity?: Severity;
  deployment?: string;
}

export interface Page {
  limit: number;
  /** The id of the last alarm of the previous page: this page holds older ones. */
  marker?: number;
}

/** Alarms, newest first, a page at a time (OpenStack's limit and marker). */
export async function listAlarms(
  q: Q,
  filters: AlarmFilters,
  page: Page,
): Promise<{ alarms: AlarmView[]; nextMarker: number | null }> {
  let query = q.selectFrom('alarms').selectAll();
  if (filters.state) query = query.where('state', '=', filters.state);
  if (filters.severity) query = query.where('severity', '=', filters.severity);
  if (filters.deployment) query = query.where('deployment_id', '=', filters.deployment);
  if (page.marker !== undefined) query = query.where('id', '<', page.marker);
  // One row more than asked tells whether there is a next page.
  const rows = await query
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const alarms = rows.slice(0, page.limit).map(toView);
  const nextMarker = rows.length > page.limit ? alarms[alarms.length - 1]!.id : null;
  return { alarms, nextMarker };
}

export function toView(row: Selectable<AlarmsTable>): AlarmView {
  return {
    id: Number(row.id),
    state: row.state as AlarmState,
    severity: row.severity as Severity,
    definition: {
      id: row.definition_id === null ? null : Number(row.definition_id),
      name: row.definition_name,
    },
    deployment:
      row.deployment_id === null
        ? null
        : {
            id: row.deployment_id,
            name: row.deployment_name ?? row.deployment_id,
            statusReason: row.status_reason,
          },
    stack:
      row.stack_id === null
        ? null
        : {
            id: row.stack_id,
            name: row.stack_name ?? row.stack_id,
            statusReason: row.status_reason,
          },
    notification: {
      messageId: row.message_id,
      eventType: row.event_type,
      timestamp: row.notified_at,
      publisherId: row.publisher_id,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

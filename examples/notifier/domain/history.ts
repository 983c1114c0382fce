/** An alarm's history: changes of state and delivery attempts, appended, never changed. */
import type { Kysely, Selectable } from 'kysely';
import type { ActionType } from './action-specs.js';
import type { AlarmState } from './alarm-states.js';
import type { HistoryEntry } from './alarm-view.js';
import type { AlarmHistoryTable, NotifierDatabase } from './schema.js';

type Q = Kysely<NotifierDatabase>;

export async function recordStateChange(
  q: Q,
  alarmId: number,
  change: { from: AlarmState | null; to: AlarmState; reason: string; at: string },
): Promise<void> {
  await q
    .insertInto('alarm_history')
    .values({
      alarm_id: alarmId,
      at: change.at,
      kind: 'state',
      from_state: change.from,
      to_state: change.to,
      reason: change.reason,
    })
    .execute();
}

export type DeliveryRecord = Omit<Extract<HistoryEntry, { kind: 'delivery' }>, 'kind'>;

export async function recordDelivery(q: Q, alarmId: number, entry: DeliveryRecord): Promise<void> {
  await q
    .insertInto('alarm_history')
    .values({
      alarm_id: alarmId,
      at: entry.at,
      kind: 'delivery',
      action: entry.action,
      target: entry.target,
      attempt: entry.attempt,
      outcome: entry.outcome,
      error: entry.error,
    })
    .execute();
}

export async function historyOf(q: Q, alarmId: number): Promise<HistoryEntry[]> {
  const rows = await q
    .selectFrom('alarm_history')
    .selectAll()
    .where('alarm_id', '=', alarmId)
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

function toEntry(row: Selectable<AlarmHistoryTable>): HistoryEntry {
  if (row.kind === 'state')
    return {
      kind: 'state',
      at: row.at,
      from: row.from_state as AlarmState | null,
      to: row.to_state as AlarmState,
      reason: row.reason ?? '',
    };
  return {
    kind: 'delivery',
    at: row.at,
    action: row.action as ActionType,
    target: row.target ?? '',
    attempt: Number(row.attempt),
    outcome: row.outcome as 'sent' | 'failed' | 'gave-up',
    error: row.error,
  };
}

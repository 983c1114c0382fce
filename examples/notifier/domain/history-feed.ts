/**
 * The change feed behind the live page: every change to an alarm (raised, acknowledged,
 * cleared, a delivery attempt) appends a history row, so new history rows are exactly the
 * alarms to redraw — whichever process wrote them.
 */
import type { Kysely } from 'kysely';
import type { ChangeSource } from '../../shared/change-feed.js';
import type { NotifierDatabase } from './schema.js';

export interface HistoryRow {
  id: number;
  alarmId: number;
}

export function historyFeedSource(db: Kysely<NotifierDatabase>): ChangeSource<HistoryRow> {
  return {
    async latestId() {
      const row = await db
        .selectFrom('alarm_history')
        .select((eb) => eb.fn.max('id').as('latest'))
        .executeTakeFirst();
      return Number(row?.latest ?? 0);
    },
    async rowsAfter(id, limit) {
      const rows = await db
        .selectFrom('alarm_history')
        .select(['id', 'alarm_id'])
        .where('id', '>', id)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ id: Number(row.id), alarmId: Number(row.alarm_id) }));
    },
  };
}

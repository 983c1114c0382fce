/**
 * Running totals of what the notifier did, for GET /v1/stats. Each is bumped in the same
 * transaction as the work it counts, so the numbers are exact across restarts and processes
 * (an end-to-end test checks "exactly once" with them).
 */
import type { Kysely } from 'kysely';
import type { NotifierDatabase } from './schema.js';

export const COUNTERS = [
  'received',
  'duplicates',
  // Messages refused as not notifications (an amqp queue dead-letters them; http answers 400).
  'rejected',
  'alarmsRaised',
  'alarmsCleared',
  'deliveriesSent',
  'deliveriesFailed',
  'deliveriesGivenUp',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Stats = Record<Counter, number>;

export async function bump(q: Kysely<NotifierDatabase>, name: Counter, by = 1): Promise<void> {
  if (by === 0) return;
  await q
    .insertInto('counters')
    .values({ name, value: by })
    .onConflict((conflict) =>
      conflict.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', by) })),
    )
    .execute();
}

export async function readStats(q: Kysely<NotifierDatabase>): Promise<Stats> {
  const rows = await q.selectFrom('counters').selectAll().execute();
  const stats = Object.fromEntries(COUNTERS.map((name) => [name, 0])) as Stats;
  for (const row of rows) if (row.name in stats) stats[row.name as Counter] = Number(row.value);
  return stats;
}

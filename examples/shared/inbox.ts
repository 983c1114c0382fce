/**
 * The idempotent-consumer half of exactly-once: a receiver records every message id it has
 * processed, in the same transaction as the processing, and skips ids it has seen. With the
 * sender's at-least-once outbox, each message takes effect exactly once.
 */
import type { Kysely } from 'kysely';
import type { DialectMigration } from './migrate.js';

export interface ProcessedMessagesTable {
  message_id: string;
  received_at: string;
}

export interface InboxDatabase {
  processed_messages: ProcessedMessagesTable;
}

export const inboxMigration: DialectMigration = {
  async up(db) {
    await db.schema
      .createTable('processed_messages')
      .addColumn('message_id', 'text', (column) => column.primaryKey())
      .addColumn('received_at', 'text', (column) => column.notNull())
      .execute();
  },
};

/**
 * True the first time a message id is seen, false for a repeat. Call it inside the
 * transaction that processes the message: if that transaction rolls back, the id is not
 * recorded and a retry processes it again. Two concurrent deliveries of one id cannot both
 * get true: the second insert waits for the first transaction and then conflicts.
 */
export async function firstDelivery(q: Kysely<any>, messageId: string): Promise<boolean> {
  const result = await (q as Kysely<InboxDatabase>)
    .insertInto('processed_messages')
    .values({ message_id: messageId, received_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('message_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** An in-memory database with the shared tables and one table of the test's own. */
import type { Kysely } from 'kysely';
import { openDatabase } from '../database.js';
import { inboxMigration, type InboxDatabase } from '../inbox.js';
import { addIdColumn, migrateToLatest } from '../migrate.js';
import { outboxMigration, type OutboxDatabase } from '../outbox.js';

export interface NotesTable {
  id: number;
  text: string;
}

export type TestDatabase = OutboxDatabase & InboxDatabase & { notes: NotesTable };

export async function openTestDatabase(filename = ':memory:'): Promise<Kysely<TestDatabase>> {
  const database = openDatabase<TestDatabase>({ dialect: 'sqlite', filename });
  await migrateToLatest(database, {
    '001-outbox': outboxMigration,
    '002-inbox': inboxMigration,
    '003-notes': {
      up: (db, dialect) =>
        addIdColumn(db.schema.createTable('notes'), dialect)
          .addColumn('text', 'text', (c) => c.notNull())
          .execute(),
    },
  });
  return database.db;
}

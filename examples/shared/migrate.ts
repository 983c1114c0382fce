/**
 * Migrations as code, run by Kysely's Migrator. Each one is written with Kysely's schema
 * builder and receives the dialect, so that the same list creates the schema on SQLite and
 * PostgreSQL; the few differences live in the helpers below.
 */
import { Migrator, sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { Database, DialectName } from './database.js';

export interface DialectMigration {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  down?(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Migrations by name; names sort in the order they run (`001-outbox`, `002-deployments`, …). */
export type Migrations = Record<string, DialectMigration>;

/**
 * Brings the schema up to date. Several processes of one service may start at once (`pecan
 * serve --workers`, Passenger). On PostgreSQL, Kysely's Migrator holds an advisory lock while
 * it migrates, in one transaction (PostgreSQL's DDL is transactional): the others wait, then
 * find the migrations done. Only creating the Migrator's own tables can race (two `CREATE
 * TABLE IF NOT EXISTS` at once, one fails). On SQLite the lock holds only within a process, so
 * a process that loses a race (a table already made by another, the file locked) fails too.
 * Either way the loser waits a moment and tries again.
 */
export async function migrateToLatest(
  database: Database<any>,
  migrations: Migrations,
  attempts = 5,
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(database, migrations);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function migrateOnce(
  { db, dialect }: Database<any>,
  migrations: Migrations,
): Promise<string[]> {
  const bound: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    bound[name] = {
      up: (kysely) => migration.up(kysely, dialect),
      ...(migration.down && { down: (kysely) => migration.down!(kysely, dialect) }),
    };
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(bound) },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw new Error(`migration failed: ${describe(error)}`, { cause: error });
  return results.filter((result) => result.status === 'Success').map((r) => r.migrationName);
}

/** Adds `id`, a primary key that the database numbers itself, in each dialect's own words. */
export function addIdColumn(
  table: CreateTableBuilder<string, any>,
  dialect: DialectName,
): CreateTableBuilder<string, any> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement())
    : table.addColumn('id', 'serial', (column) => column.primaryKey());
}

/**
 * Makes a table's `id` order its rows by commit, on PostgreSQL, for readers that follow the
 * table by id (change-feed.ts). A sequence hands out ids when rows are inserted, not when they
 * commit: transaction A may take id 7, transaction B id 8 and commit first, and a reader that
 * saw 8 and goes on from "id > 8" never sees 7. Here each insert takes its id while holding a
 * transaction-level advisory lock of the table, held until commit: a second writer of the
 * table waits for the first to end before it numbers its row, so a committed id is never
 * followed by a smaller one. Writers of one table queue behind each other for that moment;
 * the tables that need it are append-only timelines written by short transactions. SQLite has
 * one writer at a time anyway: nothing to do.
 */
export async function orderIdsByCommit(
  db: Kysely<any>,
  dialect: DialectName,
  table: string,
): Promise<void> {
  if (dialect !== 'postgres') return;
  // Two 32-bit keys: a key space of their own, apart from Kysely's 64-bit migration lock.
  await sql`
    create or replace function pecan_commit_ordered_id() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(1885431112, hashtext(tg_table_schema || '.' || tg_table_name));
      new.id := nextval(pg_get_serial_sequence(
        quote_ident(tg_table_schema) || '.' || quote_ident(tg_table_name), 'id'));
      return new;
    end $$`.execute(db);
  await sql`
    create trigger ${sql.id(`${table}_commit_ordered_id`)} before insert on ${sql.id(table)}
    for each row execute function pecan_commit_ordered_id()`.execute(db);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

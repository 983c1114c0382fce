/**
 * Migrations as code, run by Kysely's Migrator. Each one is written with Kysely's schema
 * builder and receives the dialect, so that the same list creates the schema on SQLite and,
 * later, PostgreSQL.
 */
import { Migrator, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { Database, DialectName } from './database.js';

export interface DialectMigration {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  down?(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Migrations by name; names sort in the order they run (`001-outbox`, `002-deployments`, …). */
export type Migrations = Record<string, DialectMigration>;

/**
 * Brings the schema up to date. Several processes of one service may start at once (`pecan
 * serve --workers`, Passenger): on SQLite, Kysely's migration lock holds only within a process,
 * so a process that loses the race (a table already made by another, the file locked) waits a
 * moment and tries again, and then finds the migrations done.
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

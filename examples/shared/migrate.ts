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

export async function migrateToLatest(
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

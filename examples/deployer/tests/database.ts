/** A fresh, migrated in-memory database for each test. */
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { deployerMigrations } from '../domain/migrations.js';
import type { DeployerTables } from '../domain/schema.js';

export async function openTestDatabase(): Promise<Kysely<DeployerTables>> {
  const db = new Kysely<DeployerTables>({
    dialect: new SqliteDialect({ database: new Database(':memory:') }),
  });
  const provider: MigrationProvider = { getMigrations: async () => deployerMigrations };
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
  return db;
}

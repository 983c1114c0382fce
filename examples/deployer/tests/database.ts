/** A fresh, migrated in-memory database for each test. */
import type { Kysely } from 'kysely';
import { openDatabase } from '../../shared/database.js';
import { migrateToLatest } from '../../shared/migrate.js';
import { deployerMigrations } from '../domain/migrations.js';
import type { DeployerDatabase } from '../domain/schema.js';

export async function openTestDatabase(filename = ':memory:'): Promise<Kysely<DeployerDatabase>> {
  const database = openDatabase<DeployerDatabase>({ dialect: 'sqlite', filename });
  await migrateToLatest(database, deployerMigrations);
  return database.db;
}

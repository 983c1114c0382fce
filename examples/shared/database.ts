/**
 * One way to open a service's database, chosen by configuration. SQLite (better-sqlite3) is
 * the embedded default; the dialect is a setting, so the services never branch on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type SqliteDialect } from 'kysely';
import { ImmediateSqliteDialect } from './sqlite-immediate.js';

export interface SqliteSettings {
  dialect: 'sqlite';
  /** A file path, or ':memory:' (tests). The file's folder is created if it is missing. */
  filename: string;
}

export type DatabaseSettings = SqliteSettings;
export type DialectName = DatabaseSettings['dialect'];

/** A database handle that remembers its dialect, for migrations that differ per dialect. */
export interface Database<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
}

export function openDatabase<DB>(settings: DatabaseSettings): Database<DB> {
  switch (settings.dialect) {
    case 'sqlite':
      return { db: new Kysely<DB>({ dialect: openSqlite(settings) }), dialect: 'sqlite' };
    default:
      throw new Error(`database: unknown dialect ${JSON.stringify((settings as any).dialect)}`);
  }
}

function openSqlite({ filename }: SqliteSettings): SqliteDialect {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true });
  const database = new SQLite(filename);
  // WAL lets readers in other processes go on while one writes; busy_timeout makes a writer
  // wait for another process's write instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new ImmediateSqliteDialect({ database });
}

/**
 * One way to open a service's database, chosen by configuration: SQLite (better-sqlite3), the
 * embedded default, or PostgreSQL (node-postgres, a pool per process). The dialect is a
 * setting, so the services never branch on it; migrate.ts is where the two differ.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDialect } from 'kysely';
import type { Logger } from 'pecan';
import pg from 'pg';
import { ImmediateSqliteDialect } from './sqlite-immediate.js';
import { keepStatements } from './sqlite-statements.js';

export interface SqliteSettings {
  dialect: 'sqlite';
  /** A file path, or ':memory:' (tests). The file's folder is created if it is missing. */
  filename: string;
}

export interface PostgresSettings {
  dialect: 'postgres';
  /** `postgres://user:password@host:5432/database` (libpq's URL; `?sslmode=…` and the like). */
  url: string;
  /**
   * Connections this process holds at most. The pool is per process, so size it per worker:
   * processes × poolSize (both services, every host) must stay under the server's
   * max_connections (100 by default). Default 5.
   */
  poolSize?: number;
  /** How long a request waits for a connection before it fails (with a 503). Default 5 s. */
  connectTimeoutMs?: number;
  /** Statements running longer are cancelled by the server. Default 30 s. */
  statementTimeoutMs?: number;
}

export type DatabaseSettings = SqliteSettings | PostgresSettings;
export type DialectName = DatabaseSettings['dialect'];

/** A database handle that remembers its dialect, for migrations that differ per dialect. */
export interface Database<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
}

export interface OpenOptions {
  /** Connections lost while idle (the server restarted) are logged here. */
  logger?: Logger | undefined;
  /** The connection's `application_name`, shown in pg_stat_activity. */
  name?: string;
}

export function openDatabase<DB>(
  settings: DatabaseSettings,
  options: OpenOptions = {},
): Database<DB> {
  switch (settings.dialect) {
    case 'sqlite':
      return { db: new Kysely<DB>({ dialect: openSqlite(settings) }), dialect: 'sqlite' };
    case 'postgres':
      return {
        db: new Kysely<DB>({ dialect: openPostgres(settings, options) }),
        dialect: 'postgres',
      };
    default:
      throw new Error(`database: unknown dialect ${JSON.stringify((settings as any).dialect)}`);
  }
}

/**
 * The database a config file's environment variable names: a `postgres://` (or
 * `postgresql://`) URL selects PostgreSQL, anything else is a SQLite file (or ':memory:').
 * `poolSize` comes from the file or from a second variable (DEPLOYER_DATABASE_POOL_SIZE).
 */
export function databaseFromEnv(
  value: string | undefined,
  sqliteFallback: string,
  postgres: Omit<PostgresSettings, 'dialect' | 'url'> = {},
): DatabaseSettings {
  if (value && /^postgres(ql)?:\/\//.test(value))
    return { dialect: 'postgres', url: value, ...dropUndefined(postgres) };
  return { dialect: 'sqlite', filename: value || sqliteFallback };
}

function openSqlite({ filename }: SqliteSettings): SqliteDialect {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true });
  const database = new SQLite(filename);
  // WAL lets readers in other processes go on while one writes; busy_timeout makes a writer
  // wait for another process's write instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new ImmediateSqliteDialect({ database: keepStatements(database) });
}

function openPostgres(settings: PostgresSettings, options: OpenOptions): PostgresDialect {
  const poolSize = Number(settings.poolSize ?? 5);
  if (!Number.isInteger(poolSize) || poolSize < 1)
    throw new Error('database postgres: `poolSize` must be a whole number above 0');
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: poolSize,
    // A database that is down fails a request at once or after this, never hangs it.
    connectionTimeoutMillis: Number(settings.connectTimeoutMs ?? 5000),
    statement_timeout: Number(settings.statementTimeoutMs ?? 30_000),
    // A transaction left open by a crashed request does not hold its locks for ever.
    idle_in_transaction_session_timeout: 60_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: options.name ?? 'pecan',
    types: { getTypeParser: typeParser as never },
  });
  // A connection the server closed (a restart, an administrator) is an 'error' event, which
  // would end the process if nobody listened. The pool drops it and opens a new one.
  const lost = (error: Error) =>
    options.logger?.warn(`database: a connection was lost: ${error.message}`);
  pool.on('error', lost);
  // The pool listens to its idle connections only. One in use between two queries (a request
  // holding a transaction) that the server ends would throw its 'error' at the process; with a
  // listener, its next query fails instead (a 503) and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', lost));
  return new PostgresDialect({ pool });
}

/**
 * bigint (int8) columns and count(*) arrive as strings from node-postgres, so that no digit is
 * lost; ours are epoch milliseconds and counts, all far below 2^53, and the services expect
 * numbers as SQLite gives them. A value that would lose precision stays a string.
 */
function typeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === pg.types.builtins.INT8 && format !== 'binary')
    return (text: string) => {
      const value = Number(text);
      return Number.isSafeInteger(value) ? value : text;
    };
  return pg.types.getTypeParser(oid, format as 'text');
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * better-sqlite3 with its prepared statements kept. Kysely's SQLite driver prepares every
 * query's SQL again each time it runs it; the services run a few dozen distinct statements
 * over and over (the reconciler's and the outbox's loops, the API's writes), and preparing
 * them was a tenth of the deployer's CPU under load (docs/performance.md). The SQL text is the
 * key: Kysely compiles values to parameters, so the set of texts stays small, and the cache is
 * bounded all the same. A statement still iterating (a streamed query) is busy and cannot run
 * twice at once: such a caller gets a statement of its own.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const LIMIT = 500;

export function keepStatements(database: Database, limit = LIMIT): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept !== undefined && !kept.busy) return kept;
      const statement = database.prepare(sql);
      if (kept === undefined) {
        // The oldest entry goes first (a Map iterates in insertion order).
        if (statements.size >= limit) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}

/**
 * SQLite transactions that take the write lock when they begin (`BEGIN IMMEDIATE`) instead of at
 * their first write. Several processes share one database file (Passenger's app processes,
 * `pecan serve --workers`): a deferred transaction that reads, then writes after another process
 * committed, fails at once with SQLITE_BUSY_SNAPSHOT — its snapshot is stale, and busy_timeout
 * cannot help. Taken at BEGIN, the lock is waited for (busy_timeout) and the snapshot is fresh.
 * Every transaction of the services writes (reads run outside them), so none loses by it.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

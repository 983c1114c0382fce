/**
 * A database transaction per request, through pecan's TransactionHook (Pecan §5.5): requests
 * that write (POST, PUT, PATCH, DELETE, or a `@transactional()` controller) run in one Kysely
 * transaction, committed when the controller succeeds and rolled back when it fails. Reads use
 * the database directly and hold no connection, so a long-lived stream (SSE) blocks nobody.
 *
 * The transaction begins at the `before` stage, when the body has been read and validated, not
 * at `onRoute` where Pecan's hook starts it: SQLite has one connection, and a transaction
 * begun at `onRoute` would hold it while the body crosses the network, so every other query of
 * the process (reads, the background workers) would wait for one client's upload. Begun after
 * the body, it holds the connection only while the controller queries; with better-sqlite3
 * (synchronous underneath) that runs without yielding to any other I/O.
 *
 * A write may first have to pass the write gate (write-gate.ts): when too many requests wait for
 * their turn to write, or one has waited too long, the request is answered 503 with a
 * Retry-After instead of queueing without bound.
 */
import type { ControlledTransaction, Kysely } from 'kysely';
import { request, TransactionHook, type State } from 'pecan';
import type { WriteGate } from './write-gate.js';

const TRANSACTION = 'pecan.example.transaction';
const WANTED = 'pecan.example.transaction-wanted';
const RELEASE = 'pecan.example.write-slot';

function current(): ControlledTransaction<any> | undefined {
  return request.context[TRANSACTION] as ControlledTransaction<any> | undefined;
}

export interface TransactionOptions {
  /** Admission control of writes; without it, writes queue for the connection unbounded. */
  gate?: WriteGate | undefined;
}

class ShortTransactionHook extends TransactionHook {
  constructor(
    private readonly db: Kysely<any>,
    private readonly gate: WriteGate | undefined,
    clear: () => Promise<void>,
  ) {
    super(
      // Pecan's start (at onRoute) only marks the request: the transaction begins below.
      () => {
        request.context[WANTED] = true;
      },
      () => {},
      () => current()?.commit().execute(),
      () => rollback(current()),
      clear,
    );
  }

  override before(state: State): void | Promise<void> {
    const marked = super.before(state);
    if (marked instanceof Promise) return marked.then(() => this.begin());
    return this.begin();
  }

  private begin(): void | Promise<void> {
    if (request.context[WANTED] !== true || current() !== undefined) return;
    return this.open();
  }

  private async open(): Promise<void> {
    if (this.gate) request.context[RELEASE] = await this.gate.acquire();
    request.context[TRANSACTION] = await this.db.startTransaction().execute();
  }
}

export function transactionHook(
  db: Kysely<any>,
  options: TransactionOptions = {},
): TransactionHook {
  return new ShortTransactionHook(db, options.gate, async () => {
    const transaction = current();
    const release = request.context[RELEASE] as (() => void) | undefined;
    delete request.context[TRANSACTION];
    delete request.context[WANTED];
    delete request.context[RELEASE];
    try {
      // Nothing is left open, whatever happened (a commit that failed, say).
      if (transaction && !transaction.isCommitted && !transaction.isRolledBack)
        await rollback(transaction);
    } finally {
      release?.();
    }
  });
}

/**
 * A rollback that fails has lost its connection (the database restarted): the server rolls
 * the transaction back itself, and Kysely releases the connection either way. Failing the
 * request over it would turn the request's own answer (a 503, say) into a 500.
 */
async function rollback(transaction: ControlledTransaction<any> | undefined): Promise<void> {
  await transaction
    ?.rollback()
    .execute()
    .catch(() => {});
}

/**
 * What a controller queries through: the request's transaction when it has one, else the
 * database. Inside a request that writes, never use `db` itself: with SQLite's single
 * connection the request would wait for its own transaction.
 */
export function query<DB>(db: Kysely<DB>): Kysely<DB> {
  return (current() as Kysely<DB> | undefined) ?? db;
}

/**
 * A database transaction per request, through pecan's TransactionHook (Pecan §5.5): requests
 * that write (POST, PUT, PATCH, DELETE, or a `@transactional()` controller) run in one Kysely
 * transaction, committed when the controller succeeds and rolled back when it fails. Reads use
 * the database directly and hold no connection, so a long-lived stream (SSE) blocks nobody.
 */
import type { ControlledTransaction, Kysely } from 'kysely';
import { request, TransactionHook } from 'pecan';

const TRANSACTION = 'pecan.example.transaction';

function current(): ControlledTransaction<any> | undefined {
  return request.context[TRANSACTION] as ControlledTransaction<any> | undefined;
}

export function transactionHook(db: Kysely<any>): TransactionHook {
  return new TransactionHook(
    async () => {
      request.context[TRANSACTION] = await db.startTransaction().execute();
    },
    () => {},
    () => current()?.commit().execute(),
    () => rollback(current()),
    async () => {
      const transaction = current();
      delete request.context[TRANSACTION];
      // Nothing is left open, whatever happened (a commit that failed, say).
      if (transaction && !transaction.isCommitted && !transaction.isRolledBack)
        await rollback(transaction);
    },
  );
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

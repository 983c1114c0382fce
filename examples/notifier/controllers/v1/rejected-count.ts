/**
 * Counts the notifications POSTed over the `http` transport that the schema refused (a 400),
 * as the amqp transport counts those it dead-letters: `rejected` in GET /v1/stats means "a
 * message that was not a notification", whichever way it came.
 *
 * The schema runs before the controller, inside the request's transaction, which the 400 rolls
 * back. This hook's priority is below TransactionHook's (100), so its `after` runs once the
 * rollback is done, and the count is a write of its own that nothing can undo.
 */
import type { Kysely } from 'kysely';
import { PecanHook, type State } from 'pecan';
import { bump } from '../../domain/counters.js';
import type { NotifierDatabase } from '../../domain/schema.js';

const ENDPOINT = /^\/v1\/notifications\/?$/;

export class RejectedNotificationsHook extends PecanHook {
  override priority = 40;
  readonly #db: Kysely<NotifierDatabase>;

  constructor(db: Kysely<NotifierDatabase>) {
    super();
    this.#db = db;
  }

  override after(state: State): Promise<void> | void {
    const { request, response } = state;
    if (response.status !== 400 || request.method !== 'POST' || !ENDPOINT.test(request.path))
      return;
    return bump(this.#db, 'rejected');
  }
}

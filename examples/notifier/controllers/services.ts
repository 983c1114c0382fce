import type { Kysely } from 'kysely';
import type { ChangeFeed } from '../../shared/change-feed.js';
import type { OutboxDispatcher } from '../../shared/outbox.js';
import type { HistoryRow } from '../domain/history-feed.js';
import type { NotifierDatabase } from '../domain/schema.js';

/**
 * What the controllers need, handed to them when the app is built. Controllers keep it in a
 * private (#) field: object dispatch never walks into it.
 */
export interface Services {
  db: Kysely<NotifierDatabase>;
  dispatcher: OutboxDispatcher;
  feed: ChangeFeed<HistoryRow>;
  /** Aborted when the service stops: live streams end. */
  stopping: AbortSignal;
}

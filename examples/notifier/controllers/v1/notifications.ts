import { afterCommit, expose, request, response, RestController } from 'pecan';
import type { Notification } from '../../../shared/notification.js';
import { query } from '../../../shared/transactions.js';
import { receiveNotification } from '../../domain/receive.js';
import { validBody } from '../http-helpers.js';
import type { Services } from '../services.js';
import { notificationBody } from './schemas.js';

const WAKE = 'notifier.wakeDispatcher';

/** After the commit — not before, or the dispatcher would not see the jobs yet — deliver now. */
function wakeDispatcher(): void {
  (request.context[WAKE] as (() => void) | undefined)?.();
}

/**
 * POST /v1/notifications: the receiving end of the `http` transport. The envelope is processed
 * in the request's transaction (TransactionHook): the message id marked processed, the alarms,
 * their history and their queued actions commit together, or not at all. 202 Accepted: the
 * actions run after the answer. A message id seen before is a 200 `{duplicate: true}`, so the
 * sender, whose retry it is, deletes it from its outbox.
 */
export class NotificationsController extends RestController {
  readonly #services: Services;

  constructor(services: Services) {
    super();
    this.#services = services;
  }

  @expose({
    template: 'json',
    schema: { body: notificationBody },
    openapi: {
      summary: 'Receive a notification (the http transport)',
      description: '202 when processed, 200 `{duplicate: true}` for a message id seen before.',
      status: 202,
    },
  })
  @afterCommit(wakeDispatcher)
  async post() {
    const notification = validBody<Notification>();
    const messageId = notification.message_id;
    const receipt = await receiveNotification(query(this.#services.db), notification);
    if (receipt.duplicate) return { messageId, duplicate: true };
    if (receipt.raised.length > 0) request.context[WAKE] = () => this.#services.dispatcher.wake();
    response.status = 202;
    return { messageId, duplicate: false, raised: receipt.raised, cleared: receipt.cleared };
  }
}

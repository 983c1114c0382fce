/**
 * The consuming side of the `amqp` transport: a consumer on the subscriber's durable queue
 * with manual acknowledgements and a bounded prefetch. Notifications are handled one at a
 * time, in the order they were delivered, and each is acknowledged only once `handle`
 * resolved, that is once the subscriber's transaction committed; a crash before that leaves it
 * unacknowledged, and the broker delivers it again (the subscriber's inbox ignores a repeat).
 * A message that is not a notification is rejected without requeue, so the broker
 * dead-letters it to `<queue>.dead`. When the handler fails (the database is restarting) the
 * receiver waits a growing delay, then hands that message and the ones fetched after it back
 * to the queue, which delivers them again in their order: no tight loop, no reordering.
 */
import type { Channel, ConsumeMessage } from 'amqplib';
import { backoffDelay } from '../backoff.js';
import { parseNotification, type Notification } from '../notification.js';
import { AmqpLink } from './amqp-link.js';
import {
  deadQueueOf,
  resolveAmqpSettings,
  type AmqpTransportSettings,
  type ResolvedAmqpSettings,
} from './amqp-settings.js';
import type {
  NotificationHandler,
  NotificationReceiver,
  ReceiverHooks,
  TransportOptions,
} from './transport.js';

interface Delivery {
  channel: Channel;
  message: ConsumeMessage;
}

export class AmqpReceiver implements NotificationReceiver {
  readonly #settings: ResolvedAmqpSettings;
  readonly #options: TransportOptions;
  #link: AmqpLink<Channel> | null = null;
  #handle: NotificationHandler = () => Promise.resolve();
  #hooks: ReceiverHooks = {};
  #consumerTag: string | null = null;
  /** Delivered, waiting their turn (at most `prefetch`). */
  #waiting: Delivery[] = [];
  /** The turn being taken, if any. */
  #working: Promise<void> | null = null;
  /** Consecutive failures of the handler, for the backoff. */
  #failures = 0;
  /** Ends a backoff early (the receiver closes, or the channel was lost). */
  #interrupt: (() => void) | null = null;
  #closing = false;

  constructor(settings: AmqpTransportSettings, options: TransportOptions = {}) {
    this.#settings = resolveAmqpSettings(settings);
    this.#options = options;
  }

  /** Resolves after the first attempt to connect; a broker that is down is retried meanwhile. */
  async start(handle: NotificationHandler, hooks: ReceiverHooks = {}): Promise<void> {
    if (this.#link) throw new Error('amqp: the receiver is started already');
    this.#handle = handle;
    this.#hooks = hooks;
    const { prefetch, queue } = this.#settings;
    this.#link = new AmqpLink({
      settings: this.#settings,
      name: this.#options.name ?? 'notification consumer',
      logger: this.#options.logger,
      open: (model) => model.createChannel(),
      ready: async (channel) => {
        await channel.prefetch(prefetch);
        const reply = await channel.consume(queue, (message) => this.#deliver(channel, message), {
          noAck: false,
        });
        this.#consumerTag = reply.consumerTag;
      },
      lost: (channel) => {
        // Its unacknowledged messages went back to the queue with it.
        this.#waiting = this.#waiting.filter((delivery) => delivery.channel !== channel);
        this.#consumerTag = null;
        this.#interrupt?.();
      },
    });
    await this.#link.start();
  }

  /** Stops consuming, lets the notification in hand finish (and be acknowledged), closes. */
  async close(): Promise<void> {
    const link = this.#link;
    if (!link || this.#closing) return;
    this.#closing = true;
    const channel = link.channel;
    if (channel && this.#consumerTag) await channel.cancel(this.#consumerTag).catch(() => {});
    this.#interrupt?.();
    await this.#working;
    this.#waiting = [];
    await link.close();
  }

  #deliver(channel: Channel, message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled the consumer (the queue was deleted): start over, redeclaring it.
      this.#options.logger?.warn(
        `amqp: the broker cancelled the consumer of ${this.#settings.queue}`,
      );
      void channel.close().catch(() => {});
      return;
    }
    this.#waiting.push({ channel, message });
    this.#kick();
  }

  #kick(): void {
    if (this.#working || this.#closing) return;
    this.#working = this.#work().finally(() => {
      this.#working = null;
      if (this.#waiting.length > 0) this.#kick();
    });
  }

  /** Takes the waiting deliveries in order, one at a time. */
  async #work(): Promise<void> {
    for (let next = this.#waiting.shift(); next && !this.#closing; next = this.#waiting.shift())
      if (this.#link?.channel === next.channel) await this.#take(next);
  }

  async #take({ channel, message }: Delivery): Promise<void> {
    const logger = this.#options.logger;
    const read = readNotification(message.content);
    if (!read.ok) {
      logger?.warn(
        `amqp: message ${message.properties.messageId ?? '(no id)'} is not a notification ` +
          `(${read.problem}); dead-lettered to ${deadQueueOf(this.#settings)}`,
      );
      this.#settle(channel, () => channel.nack(message, false, false));
      await this.#hooks
        .rejected?.(read.problem)
        .catch((error: unknown) => logger?.error(`amqp: counting a rejected message: ${error}`));
      return;
    }
    try {
      await this.#handle(read.notification);
    } catch (error) {
      await this.#backOff(channel, read.notification, error);
      return;
    }
    this.#failures = 0;
    this.#settle(channel, () => channel.ack(message));
  }

  /**
   * After a failed handler: waits, then requeues everything this channel holds unacknowledged
   * (this message and those fetched after it), so the broker delivers them again in order.
   */
  async #backOff(channel: Channel, notification: Notification, error: unknown): Promise<void> {
    this.#failures++;
    const delay = backoffDelay(this.#failures, this.#settings.retry);
    this.#options.logger?.warn(
      `amqp: handling ${notification.message_id} failed (${this.#failures} in a row), back to ` +
        `the queue in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`,
    );
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#interrupt = done;
    });
    this.#interrupt = null;
    if (this.#closing) return; // closing the channel requeues them all the same
    this.#waiting = this.#waiting.filter((delivery) => delivery.channel !== channel);
    this.#settle(channel, () => channel.nackAll(true));
  }

  /**
   * Acknowledges on the channel that delivered, if it is still the live one: a delivery tag
   * means nothing on another channel, and a message of a lost channel is back in the queue.
   */
  #settle(channel: Channel, settle: () => void): void {
    if (this.#link?.channel !== channel) return;
    try {
      settle();
    } catch {
      // Closed in between: the broker requeues the message.
    }
  }
}

type Read = { ok: true; notification: Notification } | { ok: false; problem: string };

/**
 * The envelope from a message body: our JSON, or oslo.messaging's v2 wrapping of it
 * (`{"oslo.version": "2.0", "oslo.message": "<json>"}`), as OpenStack services publish.
 */
export function readNotification(content: Buffer): Read {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
    if (isRecord(value) && typeof value['oslo.message'] === 'string')
      value = JSON.parse(value['oslo.message']);
  } catch {
    return { ok: false, problem: 'the body is not UTF-8 JSON' };
  }
  const parsed = parseNotification(value);
  if (parsed.ok) return parsed;
  const fields = Object.entries(parsed.errors).map(([field, message]) => `${field} ${message}`);
  return { ok: false, problem: `invalid envelope: ${fields.join('; ')}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

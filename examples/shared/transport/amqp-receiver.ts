/**
 * The consuming side of the `amqp` transport: a consumer on the subscriber's durable queue
 * with manual acknowledgements and a bounded prefetch. A notification is acknowledged only once
 * `handle` resolved, that is once the subscriber's transaction committed; a crash before that
 * leaves it unacknowledged, and the broker delivers it again (the subscriber's inbox ignores a
 * repeat). A message that is not a notification is rejected without requeue, so the broker
 * dead-letters it to `<queue>.dead`; a handler that fails (the database is restarting) gets the
 * message back after a growing delay, never in a tight loop.
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

/** Failed attempts are remembered per message id, for the backoff; this many at most. */
const REMEMBERED = 10_000;

export class AmqpReceiver implements NotificationReceiver {
  readonly #settings: ResolvedAmqpSettings;
  readonly #options: TransportOptions;
  #link: AmqpLink<Channel> | null = null;
  #handle: NotificationHandler = () => Promise.resolve();
  #hooks: ReceiverHooks = {};
  #consumerTag: string | null = null;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #retries = new Set<NodeJS.Timeout>();
  readonly #attempts = new Map<string, number>();

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
      lost: () => {
        // Their messages went back to the queue with the channel.
        for (const timer of this.#retries) clearTimeout(timer);
        this.#retries.clear();
        this.#consumerTag = null;
      },
    });
    await this.#link.start();
  }

  /** Stops consuming, lets the notifications in hand finish (and be acknowledged), closes. */
  async close(): Promise<void> {
    const link = this.#link;
    if (!link) return;
    const channel = link.channel;
    if (channel && this.#consumerTag) await channel.cancel(this.#consumerTag).catch(() => {});
    await Promise.allSettled([...this.#inFlight]);
    for (const timer of this.#retries) clearTimeout(timer);
    this.#retries.clear();
    await link.close();
  }

  #deliver(channel: Channel, message: ConsumeMessage | null): void {
    const logger = this.#options.logger;
    if (message === null) {
      // The broker cancelled the consumer (the queue was deleted): start over, redeclaring it.
      logger?.warn(`amqp: the broker cancelled the consumer of ${this.#settings.queue}`);
      void channel.close().catch(() => {});
      return;
    }
    const read = readNotification(message.content);
    if (!read.ok) {
      logger?.warn(
        `amqp: message ${message.properties.messageId ?? '(no id)'} is not a notification ` +
          `(${read.problem}); dead-lettered to ${deadQueueOf(this.#settings)}`,
      );
      this.#settle(channel, () => channel.nack(message, false, false));
      void this.#hooks
        .rejected?.(read.problem)
        .catch((error: unknown) => logger?.error(`amqp: counting a rejected message: ${error}`));
      return;
    }
    const task = this.#process(channel, message, read.notification);
    this.#inFlight.add(task);
    void task.finally(() => this.#inFlight.delete(task));
  }

  async #process(
    channel: Channel,
    message: ConsumeMessage,
    notification: Notification,
  ): Promise<void> {
    const id = notification.message_id;
    try {
      await this.#handle(notification);
    } catch (error) {
      const attempt = (this.#attempts.get(id) ?? 0) + 1;
      this.#attempts.delete(id);
      this.#attempts.set(id, attempt);
      if (this.#attempts.size > REMEMBERED)
        this.#attempts.delete(this.#attempts.keys().next().value!);
      const delay = backoffDelay(attempt, this.#settings.retry);
      this.#options.logger?.warn(
        `amqp: handling ${id} failed (attempt ${attempt}), back to the queue in ${delay} ms: ` +
          `${error instanceof Error ? error.message : String(error)}`,
      );
      const timer = setTimeout(() => {
        this.#retries.delete(timer);
        this.#settle(channel, () => channel.nack(message, false, true));
      }, delay);
      this.#retries.add(timer);
      return;
    }
    this.#attempts.delete(id);
    this.#settle(channel, () => channel.ack(message));
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

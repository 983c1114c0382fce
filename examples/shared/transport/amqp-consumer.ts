/**
 * A consumer of notifications on a durable queue, with manual acknowledgements and a bounded
 * prefetch; what the queue is bound to is its owner's (`declare`): the `amqp` transport's
 * receiver (amqp-receiver.ts) and the subscriber to an OpenStack service's own notifications
 * (oslo-receiver.ts) are both one of these. Notifications are handled one at a time, in the
 * order they were delivered, and each is acknowledged only once `handle` resolved, that is once
 * the subscriber's transaction committed; a crash before that leaves it unacknowledged, and the
 * broker delivers it again (the subscriber's inbox ignores a repeat). A message that is not a
 * notification is rejected without requeue, so the broker dead-letters it (the queue's
 * dead-letter queue). When the handler fails (the database is restarting) the consumer waits a
 * growing delay, then hands that message and the ones fetched after it back to the queue, which
 * delivers them again in their order: no tight loop, no reordering.
 */
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { backoffDelay, type BackoffPolicy } from '../backoff.js';
import type { Notification } from '../notification.js';
import { AmqpLink, type LinkSettings } from './amqp-link.js';
import { readNotification } from './oslo-envelope.js';
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

/** What a consumer is made of: the queue it reads, and the topology that queue lives in. */
export interface ConsumerSpec {
  settings: LinkSettings & {
    /** The durable queue consumed. */
    queue: string;
    /** Unacknowledged messages held at once. */
    prefetch: number;
    /** Delays before a message whose handler failed is handed back to the queue. */
    retry: BackoffPolicy;
  };
  /** Where the queue dead-letters what is rejected (for the log). */
  deadQueue: string;
  /** Declares the exchange, the queue, its dead-letter queue and bindings (every connect). */
  declare(channel: Channel, model: ChannelModel): Promise<void>;
}

export class AmqpConsumer implements NotificationReceiver {
  readonly #spec: ConsumerSpec;
  readonly #settings: ConsumerSpec['settings'];
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

  constructor(spec: ConsumerSpec, options: TransportOptions = {}) {
    this.#spec = spec;
    this.#settings = spec.settings;
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
      declare: (channel, model) => this.#spec.declare(channel, model),
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
    // oslo's envelope, v2 or bare: OpenStack's services and the deployer alike (oslo-envelope.ts).
    const read = readNotification(message.content);
    if (!read.ok) {
      logger?.warn(
        `amqp: message ${message.properties.messageId ?? '(no id)'} is not a notification ` +
          `(${read.problem}); dead-lettered to ${this.#spec.deadQueue}`,
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

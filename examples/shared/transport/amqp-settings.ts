/**
 * The `amqp` transport's settings and the broker topology both sides declare. The topology is
 * the one OpenStack's notifications use (oslo.messaging on RabbitMQ): a durable topic exchange
 * per publishing service (oslo's `control_exchange`), the routing key is the notification's
 * `event_type`, and a durable queue bound to the event types its consumer wants. Messages that
 * cannot be read are dead-lettered to a queue of their own, where an operator can look at them.
 */
import type { Channel } from 'amqplib';
import type { BackoffPolicy } from '../backoff.js';

export interface AmqpTransportSettings {
  kind: 'amqp';
  /** The broker: `amqp://user:password@host:5672/vhost` (or `amqps://`). */
  url: string;
  /** The topic exchange notifications are published to. Default `deployer`. */
  exchange?: string;
  /** The subscriber's durable queue. Default `notifier`; its dead letters go to `notifier.dead`. */
  queue?: string;
  /** Routing patterns binding the queue to the exchange (`*` one word, `#` any). Default `deployment.#`. */
  bindings?: string[];
  /** Unacknowledged messages a receiver holds at once. Default 10. */
  prefetch?: number;
  /**
   * Whether the queue gives its messages to one consumer at a time (RabbitMQ's single active
   * consumer; the others stand by and take over when it goes). With the receiver handling
   * messages one by one, the notifier then sees a deployment's notifications in the order they
   * were published, however many processes consume. Default true. A queue's arguments cannot
   * change once it exists: to change this, delete the queue.
   */
  singleActiveConsumer?: boolean;
  /** How long a send waits for the connection and the broker's confirm. Default 10 s. */
  publishTimeoutMs?: number;
  /** AMQP heartbeat in seconds: a dead peer is noticed after about twice this. Default 15. */
  heartbeatSec?: number;
  /** Delays between attempts to reconnect. Default 0.5 s doubling up to 30 s, with jitter. */
  reconnect?: BackoffPolicy;
  /** Delays before a message whose handler failed is handed back to the queue. */
  retry?: BackoffPolicy;
}

export const AMQP_DEFAULTS = {
  exchange: 'deployer',
  queue: 'notifier',
  bindings: ['deployment.#'],
  prefetch: 10,
  singleActiveConsumer: true,
  publishTimeoutMs: 10_000,
  heartbeatSec: 15,
  reconnect: { initialMs: 500, maxMs: 30_000, factor: 2 },
  retry: { initialMs: 1000, maxMs: 30_000, factor: 2 },
} satisfies Omit<Required<AmqpTransportSettings>, 'kind' | 'url'>;

export type ResolvedAmqpSettings = Required<AmqpTransportSettings>;

/** The settings with their defaults; throws on a value that cannot work. */
export function resolveAmqpSettings(settings: AmqpTransportSettings): ResolvedAmqpSettings {
  if (typeof settings.url !== 'string' || !/^amqps?:\/\//.test(settings.url))
    throw new Error('transport amqp: `url` must be an amqp:// or amqps:// URL');
  const resolved: ResolvedAmqpSettings = {
    ...AMQP_DEFAULTS,
    ...dropUndefined(settings),
    kind: 'amqp',
    url: settings.url,
  };
  for (const key of ['prefetch', 'publishTimeoutMs', 'heartbeatSec'] as const) {
    const value = Number(resolved[key]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`transport amqp: \`${key}\` must be a whole number above 0`);
    resolved[key] = value;
  }
  if (!Array.isArray(resolved.bindings) || resolved.bindings.length === 0)
    throw new Error('transport amqp: `bindings` must list at least one routing pattern');
  return resolved;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function deadQueueOf(settings: ResolvedAmqpSettings): string {
  return `${settings.queue}.dead`;
}

/**
 * Declares the exchange, the queue with its bindings, and the dead-letter queue. Declaring is
 * idempotent, so both sides do it on every (re)connect: the publisher too, as oslo.messaging's
 * notifier does, so that notifications sent before the subscriber ever started wait in the
 * queue instead of being dropped by an exchange with nothing bound. A queue that exists with
 * other arguments makes the broker close the channel (PRECONDITION_FAILED), which is logged and
 * retried: an operator must delete it once.
 */
export async function declareTopology(
  channel: Channel,
  settings: ResolvedAmqpSettings,
): Promise<void> {
  const dead = deadQueueOf(settings);
  await channel.assertExchange(settings.exchange, 'topic', { durable: true });
  await channel.assertQueue(dead, { durable: true });
  // Rejected (unreadable) messages go through the default exchange straight to `dead`.
  await channel.assertQueue(settings.queue, {
    durable: true,
    deadLetterExchange: '',
    deadLetterRoutingKey: dead,
    ...(settings.singleActiveConsumer && { arguments: { 'x-single-active-consumer': true } }),
  });
  for (const pattern of settings.bindings)
    await channel.bindQueue(settings.queue, settings.exchange, pattern);
}

/**
 * Subscribing to an OpenStack service's own notifications (Heat's `orchestration.stack.*`, say)
 * on the RabbitMQ that service uses. oslo.messaging's notifier publishes each notification to
 * the service's topic exchange (its `control_exchange`: `heat` for Heat) under the routing key
 * `<topic>.<priority>` (`notifications.info`, `notifications.error`; the topics are the
 * service's `[oslo_messaging_notifications] topics`), and declares a queue of that very name
 * for whoever reads them (Ceilometer does). The subscriber here takes a durable queue of its own
 * bound to the same keys, so that it gets a copy of each notification and takes nothing from
 * the others.
 */
import type { Channel, ChannelModel } from 'amqplib';
import type { BackoffPolicy } from '../backoff.js';
import { AMQP_DEFAULTS } from './amqp-settings.js';

/** The priorities a notification may have here (shared/notification.ts), as oslo's keys spell them. */
export const OSLO_PRIORITIES = ['info', 'warn', 'error'] as const;
export type OsloPriority = (typeof OSLO_PRIORITIES)[number];

export interface OsloNotificationsSettings {
  /** The service's broker: its `transport_url`, as `amqp://user:password@host:5672/vhost`. */
  url: string;
  /** The service's `control_exchange`. Default `heat`. */
  exchange?: string;
  /** The service's `[oslo_messaging_notifications] topics`. Default `notifications`. */
  topics?: string[];
  /** The priorities to receive; each topic is bound as `<topic>.<priority>`. Default info, error. */
  priorities?: OsloPriority[];
  /** The subscriber's own durable queue. Default `notifier.heat`; dead letters go to `<queue>.dead`. */
  queue?: string;
  /**
   * Whether to declare the exchange durable, when it does not exist yet (the service has not
   * published since the broker started). oslo declares it with `durable = amqp_durable_queues`
   * (`[oslo_messaging_rabbit]`, default false), and a declaration with other flags fails, so
   * match the service's setting. An exchange that exists is used as it is.
   */
  exchangeDurable?: boolean;
  /** Unacknowledged messages held at once. Default 10. */
  prefetch?: number;
  /** One consumer at a time, the others standing by (see amqp-settings.ts). Default true. */
  singleActiveConsumer?: boolean;
  /** How long one attempt to connect may take. Default 10 s. */
  connectTimeoutMs?: number;
  /** AMQP heartbeat in seconds. Default 15. */
  heartbeatSec?: number;
  /** Delays between attempts to reconnect. Default 0.5 s doubling up to 30 s, with jitter. */
  reconnect?: BackoffPolicy;
  /** Delays before a message whose handler failed is handed back to the queue. */
  retry?: BackoffPolicy;
}

export const OSLO_DEFAULTS = {
  exchange: 'heat',
  topics: ['notifications'],
  priorities: ['info', 'error'],
  queue: 'notifier.heat',
  exchangeDurable: false,
  prefetch: AMQP_DEFAULTS.prefetch,
  singleActiveConsumer: true,
  connectTimeoutMs: AMQP_DEFAULTS.publishTimeoutMs,
  heartbeatSec: AMQP_DEFAULTS.heartbeatSec,
  reconnect: AMQP_DEFAULTS.reconnect,
  retry: AMQP_DEFAULTS.retry,
} satisfies Omit<Required<OsloNotificationsSettings>, 'url'>;

export type ResolvedOsloSettings = Required<OsloNotificationsSettings>;

const NAME = /^[A-Za-z0-9_.:-]+$/;

/** The settings with their defaults; throws on a value that cannot work. */
export function resolveOsloSettings(settings: OsloNotificationsSettings): ResolvedOsloSettings {
  const problem = (text: string) => new Error(`OpenStack notifications: ${text}`);
  if (typeof settings?.url !== 'string' || !/^amqps?:\/\//.test(settings.url))
    throw problem('`url` must be an amqp:// or amqps:// URL');
  const defined = Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as Partial<OsloNotificationsSettings>;
  const resolved: ResolvedOsloSettings = { ...OSLO_DEFAULTS, ...defined, url: settings.url };
  for (const key of ['exchange', 'queue'] as const)
    if (typeof resolved[key] !== 'string' || !NAME.test(resolved[key]))
      throw problem(`\`${key}\` must be a name (letters, digits, _ . : -)`);
  if (!Array.isArray(resolved.topics) || resolved.topics.length === 0)
    throw problem('`topics` must list at least one topic');
  for (const topic of resolved.topics)
    if (typeof topic !== 'string' || !NAME.test(topic))
      throw problem(`the topic ${JSON.stringify(topic)} is not a name`);
  if (!Array.isArray(resolved.priorities) || resolved.priorities.length === 0)
    throw problem('`priorities` must list at least one priority');
  for (const priority of resolved.priorities)
    if (!OSLO_PRIORITIES.includes(priority))
      throw problem(`\`priorities\` may hold ${OSLO_PRIORITIES.join(', ')}, not ${priority}`);
  for (const key of ['prefetch', 'connectTimeoutMs', 'heartbeatSec'] as const) {
    const value = Number(resolved[key]);
    if (!Number.isInteger(value) || value < 1)
      throw problem(`\`${key}\` must be a whole number above 0`);
    resolved[key] = value;
  }
  return resolved;
}

/** The routing keys the queue is bound to: `<topic>.<priority>`, as oslo publishes them. */
export function osloBindings(settings: ResolvedOsloSettings): string[] {
  return settings.topics.flatMap((topic) =>
    settings.priorities.map((priority) => `${topic}.${priority}`),
  );
}

export function osloDeadQueue(settings: ResolvedOsloSettings): string {
  return `${settings.queue}.dead`;
}

/**
 * Declares the subscriber's queues and binds them; the exchange is the service's, declared only
 * when it is missing (see `exchangeDurable`). Run on every (re)connect: a binding to a
 * transient exchange does not outlive a broker restart, and is made again here.
 */
export async function declareOsloTopology(
  channel: Channel,
  model: ChannelModel,
  settings: ResolvedOsloSettings,
): Promise<void> {
  if (!(await exchangeExists(model, settings.exchange)))
    await channel.assertExchange(settings.exchange, 'topic', {
      durable: settings.exchangeDurable,
      autoDelete: false,
    });
  const dead = osloDeadQueue(settings);
  await channel.assertQueue(dead, { durable: true });
  await channel.assertQueue(settings.queue, {
    durable: true,
    deadLetterExchange: '',
    deadLetterRoutingKey: dead,
    ...(settings.singleActiveConsumer && { arguments: { 'x-single-active-consumer': true } }),
  });
  for (const key of osloBindings(settings))
    await channel.bindQueue(settings.queue, settings.exchange, key);
}

/**
 * A passive declaration, on a scratch channel: when the exchange is missing the broker closes
 * the channel it was asked on (404 NOT_FOUND), which must not be the one kept.
 */
async function exchangeExists(model: ChannelModel, exchange: string): Promise<boolean> {
  const scratch = await model.createChannel();
  scratch.on('error', () => {}); // the 404 comes back as the rejection below
  try {
    await scratch.checkExchange(exchange);
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return false;
    throw error;
  }
  await scratch.close();
  return true;
}

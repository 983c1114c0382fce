/**
 * The consuming side of the `amqp` transport: a consumer (amqp-consumer.ts) of the
 * subscriber's durable queue, bound to the publisher's exchange for the configured event types
 * (amqp-settings.ts, declareTopology).
 */
import { AmqpConsumer } from './amqp-consumer.js';
import {
  deadQueueOf,
  declareTopology,
  resolveAmqpSettings,
  type AmqpTransportSettings,
} from './amqp-settings.js';
import type { TransportOptions } from './transport.js';

export class AmqpReceiver extends AmqpConsumer {
  constructor(settings: AmqpTransportSettings, options: TransportOptions = {}) {
    const resolved = resolveAmqpSettings(settings);
    super(
      {
        settings: { ...resolved, connectTimeoutMs: resolved.publishTimeoutMs },
        deadQueue: deadQueueOf(resolved),
        declare: (channel) => declareTopology(channel, resolved),
      },
      options,
    );
  }
}

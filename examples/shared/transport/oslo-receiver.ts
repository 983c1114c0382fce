/**
 * Receives an OpenStack service's own notifications (oslo-settings.ts) with the consumer every
 * amqp subscriber here uses (amqp-consumer.ts): acknowledged after the subscriber's commit,
 * unreadable messages dead-lettered, reconnected with backoff. The body is oslo's envelope,
 * v2 or bare (oslo-envelope.ts).
 */
import { AmqpConsumer } from './amqp-consumer.js';
import {
  declareOsloTopology,
  osloDeadQueue,
  resolveOsloSettings,
  type OsloNotificationsSettings,
} from './oslo-settings.js';
import type { TransportOptions } from './transport.js';

export class OsloNotificationReceiver extends AmqpConsumer {
  constructor(settings: OsloNotificationsSettings, options: TransportOptions = {}) {
    const resolved = resolveOsloSettings(settings);
    super(
      {
        settings: resolved,
        deadQueue: osloDeadQueue(resolved),
        declare: (channel, model) => declareOsloTopology(channel, model, resolved),
      },
      options,
    );
  }
}

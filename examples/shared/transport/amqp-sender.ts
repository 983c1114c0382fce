/**
 * The publishing side of the `amqp` transport. Each notification is published persistent, with
 * its `message_id`, to the topic exchange under its `event_type`, on a confirm channel: `send`
 * resolves only when the broker has confirmed that it holds the message (written to the durable
 * queue), so the outbox deletes its row only then. A negative confirm, a lost connection or no
 * confirm in time rejects, and the outbox tries again later; a notification no queue is bound
 * for is refused for good (the outbox parks it), as retrying cannot route it.
 */
import type { ConfirmChannel } from 'amqplib';
import type { Notification } from '../notification.js';
import { PermanentError } from '../outbox.js';
import { AmqpLink } from './amqp-link.js';
import {
  declareTopology,
  resolveAmqpSettings,
  type AmqpTransportSettings,
  type ResolvedAmqpSettings,
} from './amqp-settings.js';
import type { NotificationSender, TransportOptions } from './transport.js';

export class AmqpSender implements NotificationSender {
  readonly #settings: ResolvedAmqpSettings;
  readonly #link: AmqpLink<ConfirmChannel>;
  /** Message ids the broker handed back as unroutable; their confirm follows the return. */
  readonly #returned = new Set<string>();

  constructor(settings: AmqpTransportSettings, options: TransportOptions = {}) {
    this.#settings = resolveAmqpSettings(settings);
    this.#link = new AmqpLink({
      settings: { ...this.#settings, connectTimeoutMs: this.#settings.publishTimeoutMs },
      name: options.name ?? 'notification publisher',
      logger: options.logger,
      open: async (model) => {
        const channel = await model.createConfirmChannel();
        channel.on('return', (message: { properties: { messageId?: string } }) => {
          if (message.properties.messageId) this.#returned.add(message.properties.messageId);
        });
        return channel;
      },
      declare: (channel) => declareTopology(channel, this.#settings),
      // The confirms of a lost channel never come; neither do their returns.
      lost: () => this.#returned.clear(),
    });
    // Connect now, so that a wrong URL or a broker down shows in the log at startup.
    void this.#link.start();
  }

  async send(notification: Notification): Promise<void> {
    const { exchange, publishTimeoutMs } = this.#settings;
    const deadline = Date.now() + publishTimeoutMs;
    const channel = await this.#link.waitForChannel(publishTimeoutMs);
    const id = notification.message_id;
    const body = Buffer.from(JSON.stringify(notification));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`amqp: no confirm for ${id} within ${publishTimeoutMs} ms`)),
        Math.max(1, deadline - Date.now()),
      );
      const confirmed = (error: unknown) => {
        clearTimeout(timer);
        const unroutable = this.#returned.delete(id);
        if (error) reject(new Error(`amqp: the broker did not take ${id}: ${describe(error)}`));
        else if (unroutable)
          reject(
            new PermanentError(
              `amqp: no queue is bound to exchange ${exchange} for ${notification.event_type}`,
            ),
          );
        else resolve();
      };
      try {
        channel.publish(
          exchange,
          notification.event_type,
          body,
          {
            persistent: true,
            mandatory: true,
            messageId: id,
            type: notification.event_type,
            appId: notification.publisher_id,
            timestamp: Math.floor(Date.now() / 1000),
            contentType: 'application/json',
            contentEncoding: 'utf-8',
          },
          confirmed,
        );
      } catch (error) {
        // The channel closed between the wait and the publish.
        confirmed(error);
      }
    });
  }

  close(): Promise<void> {
    return this.#link.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'negative acknowledgement';
}

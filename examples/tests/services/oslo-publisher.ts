/**
 * Publishes as oslo.messaging's RabbitMQ driver does for a notifier (impl_rabbit.py,
 * notify_send and _publish_and_creates_default_queue): it declares the service's topic
 * exchange with `durable = amqp_durable_queues`, `auto_delete = False`; before the first message
 * of each routing key it declares a queue of that name (same flags) bound by that key, so that
 * nothing is lost before a consumer comes; and publishes the JSON body persistent, as
 * `application/json` in UTF-8. Unlike oslo it waits for the broker's confirms, so that a test
 * knows when the broker holds the messages.
 */
import { connect, type ConfirmChannel, type ChannelModel } from 'amqplib';

export interface OsloPublisher {
  publish(routingKey: string, body: Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function osloPublisher(
  url: string,
  { exchange = 'heat', durable = false } = {},
): Promise<OsloPublisher> {
  const connection: ChannelModel = await connect(url);
  connection.on('error', () => {}); // a broker restart in a test; `close` ignores it
  const channel: ConfirmChannel = await connection.createConfirmChannel();
  await channel.assertExchange(exchange, 'topic', { durable, autoDelete: false });
  const declared = new Set<string>();
  return {
    async publish(routingKey, body) {
      if (!declared.has(routingKey)) {
        await channel.assertQueue(routingKey, { durable, autoDelete: false });
        await channel.bindQueue(routingKey, exchange, routingKey);
        declared.add(routingKey);
      }
      channel.publish(exchange, routingKey, body, {
        contentType: 'application/json',
        contentEncoding: 'utf-8',
        persistent: true,
        priority: 0,
        headers: {},
      });
      await channel.waitForConfirms();
    },
    async close() {
      await connection.close().catch(() => {});
    },
  };
}

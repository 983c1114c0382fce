/**
 * Heat's own notifications, as heat-engine 19 (Zed) put them on RabbitMQ: heat-samples.json
 * holds every message one run published on exchange `heat` (routing key, AMQP properties, the
 * oslo v2 envelope), captured on a real Heat by the reference system's CI set-up. The run made
 * a stack `capture-ok` (created, updated twice at once, deleted) and a stack `capture-fail`
 * (its create failed), each with a ResourceGroup, whose nested stacks
 * (`capture-ok-group-…`, `capture-fail-group-…`) notify as well.
 *
 * Tests replay them as they are, or as if the deployer had made the stacks (renamed
 * `deployer-<deployment id>`, the nested ones after them), with fresh message ids.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Notification } from '../../shared/notification.js';

export interface HeatSample {
  routingKey: string;
  properties: { contentType: string; contentEncoding: string; deliveryMode: number };
  body: { 'oslo.version': string; 'oslo.message': string };
}

const samples = JSON.parse(
  readFileSync(new URL('./heat-samples.json', import.meta.url), 'utf8'),
) as HeatSample[];

/** The captured messages, in the order Heat published them (copies). */
export function heatSamples(): HeatSample[] {
  return structuredClone(samples);
}

/** The oslo message inside a sample's envelope. */
export function innerOf(sample: HeatSample): Notification & Record<string, unknown> {
  return JSON.parse(sample.body['oslo.message']) as Notification & Record<string, unknown>;
}

/** The body's bytes, as oslo publishes them (JSON, UTF-8). */
export function wireBody(sample: HeatSample): Buffer {
  return Buffer.from(JSON.stringify(sample.body));
}

/**
 * The samples with the stacks renamed (`capture-ok` → `renames['capture-ok']`, its nested
 * stacks after it) and new message ids, so that a replay is new to the notifier's inbox.
 */
export function replayed(renames: Record<string, string> = {}): HeatSample[] {
  return heatSamples().map((sample) => {
    const inner = innerOf(sample);
    const payload = inner.payload as { stack_name: string };
    for (const [from, to] of Object.entries(renames))
      if (payload.stack_name === from || payload.stack_name.startsWith(`${from}-`))
        payload.stack_name = to + payload.stack_name.slice(from.length);
    inner.message_id = randomUUID();
    sample.body['oslo.message'] = JSON.stringify(inner);
    return sample;
  });
}

/** The notification a sample carries, as the notifier reads it. */
export function heatNotification(sample: HeatSample): Notification {
  const { message_id, event_type, publisher_id, timestamp, priority, payload } = innerOf(sample);
  return { message_id, event_type, publisher_id, timestamp, priority, payload };
}

/**
 * A notification from a message body, as OpenStack services put it on the wire
 * (oslo.messaging's notifier): with the `messagingv2` driver, a JSON envelope
 * `{"oslo.version": "2.0", "oslo.message": "<the message, as a JSON string>"}`; with the older
 * `messaging` driver (v1), the bare message. The deployer's own amqp publisher sends the bare
 * message too. The message itself carries oslo's keys (message_id, event_type, publisher_id,
 * priority, payload, timestamp) beside others this ignores (oslo adds `_unique_id` and the
 * request context as `_context_*` keys).
 */
import { parseNotification, type Notification } from '../notification.js';

export type Read = { ok: true; notification: Notification } | { ok: false; problem: string };

const VERSION_KEY = 'oslo.version';
const MESSAGE_KEY = 'oslo.message';
/** oslo's `_RPC_ENVELOPE_VERSION` is 2.0; a minor version is compatible by its rules. */
const SUPPORTED_VERSION = /^2\.\d+$/;

export function readNotification(content: Buffer): Read {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
  } catch {
    return { ok: false, problem: 'the body is not UTF-8 JSON' };
  }
  if (isRecord(value) && (VERSION_KEY in value || MESSAGE_KEY in value)) {
    const unwrapped = unwrap(value);
    if (!unwrapped.ok) return unwrapped;
    value = unwrapped.message;
  }
  const parsed = parseNotification(value);
  if (parsed.ok) return parsed;
  const fields = Object.entries(parsed.errors).map(([field, message]) => `${field} ${message}`);
  return { ok: false, problem: `invalid envelope: ${fields.join('; ')}` };
}

function unwrap(
  envelope: Record<string, unknown>,
): { ok: true; message: unknown } | { ok: false; problem: string } {
  const version = envelope[VERSION_KEY];
  if (typeof version !== 'string' || !SUPPORTED_VERSION.test(version))
    return { ok: false, problem: `unsupported ${VERSION_KEY} ${JSON.stringify(version ?? null)}` };
  const message = envelope[MESSAGE_KEY];
  if (typeof message !== 'string')
    return { ok: false, problem: `${MESSAGE_KEY} must be a string of JSON` };
  try {
    return { ok: true, message: JSON.parse(message) };
  } catch {
    return { ok: false, problem: `${MESSAGE_KEY} is not JSON` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

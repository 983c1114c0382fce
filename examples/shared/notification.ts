/**
 * The notification envelope, as OpenStack services publish theirs (oslo.messaging's
 * notifier): the keys keep OpenStack's snake_case, `timestamp` is oslo's UTC
 * `YYYY-MM-DD HH:MM:SS.ffffff`, and `priority` is upper case.
 */
import { randomUUID } from 'node:crypto';

export type Priority = 'INFO' | 'WARN' | 'ERROR';
export const PRIORITIES: readonly Priority[] = ['INFO', 'WARN', 'ERROR'];

export interface Notification<Payload = Record<string, unknown>> {
  message_id: string;
  event_type: string;
  publisher_id: string;
  timestamp: string;
  priority: Priority;
  payload: Payload;
}

export function makeNotification<Payload extends Record<string, unknown>>(
  eventType: string,
  payload: Payload,
  options: { publisherId: string; priority?: Priority; now?: Date },
): Notification<Payload> {
  return {
    message_id: randomUUID(),
    event_type: eventType,
    publisher_id: options.publisherId,
    timestamp: formatTimestamp(options.now ?? new Date()),
    priority: options.priority ?? 'INFO',
    payload,
  };
}

/** oslo's `str(timeutils.utcnow())`: `2026-12-04 18:45:20.123000` (UTC, microseconds). */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}.${String(date.getUTCMilliseconds()).padStart(3, '0')}000`;
}

const OSLO_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Reads oslo's format or ISO 8601; a timestamp without a zone is UTC, as oslo writes it. */
export function parseTimestamp(text: string): Date | null {
  const match = OSLO_TIMESTAMP.exec(text);
  if (!match) return null;
  const [, day, time, fraction = '0', zone = 'Z'] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const date = new Date(`${day}T${time}.${millis}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Each invalid field's name → what is wrong with it (the shape of both services' 400s). */
export type FieldErrors = Record<string, string>;

export type ParseResult =
  { ok: true; notification: Notification } | { ok: false; errors: FieldErrors };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Checks an envelope received from outside, naming every field that is wrong. */
export function parseNotification(value: unknown): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, errors: { body: 'must be a JSON object' } };
  const record = value as Record<string, unknown>;
  const errors: FieldErrors = {};
  const check = (field: string, valid: boolean, message: string) => {
    if (!valid) errors[field] = message;
  };
  const { message_id, event_type, publisher_id, timestamp, priority, payload } = record;
  check('message_id', typeof message_id === 'string' && UUID.test(message_id), 'must be a UUID');
  check(
    'event_type',
    typeof event_type === 'string' && event_type.length <= 255 && EVENT_TYPE.test(event_type),
    'must be dot-separated words, such as deployment.create.end',
  );
  check(
    'publisher_id',
    typeof publisher_id === 'string' && publisher_id.length > 0 && publisher_id.length <= 255,
    'must be a non-empty string',
  );
  check(
    'timestamp',
    typeof timestamp === 'string' && parseTimestamp(timestamp) !== null,
    'must be a UTC time such as 2026-12-04 18:45:20.123000',
  );
  check(
    'priority',
    PRIORITIES.includes(priority as Priority),
    `must be one of ${PRIORITIES.join(', ')}`,
  );
  check(
    'payload',
    typeof payload === 'object' && payload !== null && !Array.isArray(payload),
    'must be a JSON object',
  );
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    notification: {
      message_id: (message_id as string).toLowerCase(),
      event_type: event_type as string,
      publisher_id: publisher_id as string,
      timestamp: timestamp as string,
      priority: priority as Priority,
      payload: payload as Record<string, unknown>,
    },
  };
}

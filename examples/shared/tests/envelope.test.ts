import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../backoff.js';
import {
  formatTimestamp,
  makeNotification,
  parseNotification,
  parseTimestamp,
} from '../notification.js';

describe('the notification envelope', () => {
  it('has OpenStack’s keys, a UUID message id and oslo’s UTC timestamp', () => {
    const now = new Date('2026-12-04T18:45:20.123Z');
    const n = makeNotification(
      'deployment.create.end',
      { id: 'd1' },
      { publisherId: 'deployer.h', now },
    );
    expect(Object.keys(n).sort()).toEqual(
      ['event_type', 'message_id', 'payload', 'priority', 'publisher_id', 'timestamp'].sort(),
    );
    expect(n.message_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(n.timestamp).toBe('2026-12-04 18:45:20.123000');
    expect(n.priority).toBe('INFO');
  });

  it('gives every notification its own message id', () => {
    const a = makeNotification('x.y', {}, { publisherId: 'p' });
    const b = makeNotification('x.y', {}, { publisherId: 'p' });
    expect(a.message_id).not.toBe(b.message_id);
  });

  it('parses what it makes', () => {
    const n = makeNotification(
      'deployment.delete.error',
      { id: 'd' },
      { publisherId: 'p', priority: 'ERROR' },
    );
    expect(parseNotification(JSON.parse(JSON.stringify(n)))).toEqual({ ok: true, notification: n });
  });

  it('names every invalid field', () => {
    const result = parseNotification({
      message_id: 'nope',
      event_type: 'a..b',
      publisher_id: '',
      timestamp: 'yesterday',
      priority: 'info',
      payload: [],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.errors)).toEqual([
        'message_id',
        'event_type',
        'publisher_id',
        'timestamp',
        'priority',
        'payload',
      ]);
  });

  it('rejects a body that is not an object', () => {
    for (const value of [null, 'x', 3, [1]]) expect(parseNotification(value).ok).toBe(false);
  });

  it('reads oslo timestamps as UTC, and ISO 8601 with its zone', () => {
    expect(parseTimestamp('2026-12-04 18:45:20.123456')?.toISOString()).toBe(
      '2026-12-04T18:45:20.123Z',
    );
    expect(parseTimestamp('2026-12-04T20:45:20+02:00')?.toISOString()).toBe(
      '2026-12-04T18:45:20.000Z',
    );
    expect(parseTimestamp('2026-13-45 99:00:00')).toBeNull();
    expect(formatTimestamp(new Date('2026-01-02T03:04:05.006Z'))).toBe(
      '2026-01-02 03:04:05.006000',
    );
  });
});

describe('backoff', () => {
  const policy = { initialMs: 100, maxMs: 1000, factor: 2 };
  it('grows by the factor, between half and all of the ceiling', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
  });
  it('never exceeds the cap', () => {
    expect(backoffDelay(30, policy, () => 1)).toBe(1000);
  });
});

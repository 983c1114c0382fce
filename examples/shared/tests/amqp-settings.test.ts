/** The amqp transport's parts that need no broker: settings, the env switch, reading bodies. */
import { describe, expect, it } from 'vitest';
import { makeNotification } from '../notification.js';
import { readNotification } from '../transport/oslo-envelope.js';
import { redact } from '../transport/amqp-link.js';
import { AMQP_DEFAULTS, resolveAmqpSettings } from '../transport/amqp-settings.js';
import { createReceiver, createSender, transportFromEnv } from '../transport/index.js';

const http = { kind: 'http' as const, url: 'http://127.0.0.1:8081/v1/notifications' };

describe('transportFromEnv', () => {
  it('keeps http when the variable is unset, empty or http', () => {
    for (const value of [undefined, '', 'http'])
      expect(transportFromEnv('X_TRANSPORT', value, http)).toBe(http);
  });

  it('selects amqp for an amqp:// or amqps:// URL, with the file’s other settings', () => {
    expect(transportFromEnv('X', 'amqp://u:p@h:5672/v', http, { queue: 'q' })).toEqual({
      kind: 'amqp',
      url: 'amqp://u:p@h:5672/v',
      queue: 'q',
    });
    expect(transportFromEnv('X', 'amqps://h', http)).toMatchObject({ kind: 'amqp' });
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => transportFromEnv('DEPLOYER_TRANSPORT', 'kafka://h', http)).toThrow(
      /DEPLOYER_TRANSPORT must be http or an amqp:\/\/ URL/,
    );
  });
});

describe('amqp settings', () => {
  it('fills in the defaults', () => {
    expect(resolveAmqpSettings({ kind: 'amqp', url: 'amqp://h' })).toEqual({
      ...AMQP_DEFAULTS,
      kind: 'amqp',
      url: 'amqp://h',
    });
  });

  it('refuses a URL that is not amqp, a prefetch of 0, and no bindings', () => {
    expect(() => resolveAmqpSettings({ kind: 'amqp', url: 'http://h' })).toThrow(/url/);
    expect(() => resolveAmqpSettings({ kind: 'amqp', url: 'amqp://h', prefetch: 0 })).toThrow(
      /prefetch/,
    );
    expect(() => resolveAmqpSettings({ kind: 'amqp', url: 'amqp://h', bindings: [] })).toThrow(
      /bindings/,
    );
    expect(() => createSender({ kind: 'amqp', url: 'nope' })).toThrow(/url/);
    expect(() => createReceiver({ kind: 'amqp', url: 'nope' })).toThrow(/url/);
  });

  it('keeps passwords out of the log', () => {
    expect(redact('amqp://user:secret@host:5672/vh')).toBe('amqp://user:***@host:5672/vh');
    expect(redact('amqp://host')).toBe('amqp://host');
  });
});

describe('reading a message body', () => {
  const notification = makeNotification(
    'deployment.create.end',
    { id: 'd1' },
    { publisherId: 'p' },
  );

  it('reads the envelope as JSON, or wrapped as oslo.messaging v2 wraps it', () => {
    expect(readNotification(Buffer.from(JSON.stringify(notification)))).toEqual({
      ok: true,
      notification,
    });
    const wrapped = { 'oslo.version': '2.0', 'oslo.message': JSON.stringify(notification) };
    expect(readNotification(Buffer.from(JSON.stringify(wrapped)))).toEqual({
      ok: true,
      notification,
    });
  });

  it('says what is wrong with anything else', () => {
    expect(readNotification(Buffer.from('{'))).toEqual({
      ok: false,
      problem: 'the body is not UTF-8 JSON',
    });
    expect(readNotification(Buffer.from([0xff, 0xfe]))).toMatchObject({ ok: false });
    const bad = readNotification(Buffer.from(JSON.stringify({ ...notification, priority: 'x' })));
    expect(bad).toEqual({
      ok: false,
      problem: expect.stringMatching(/^invalid envelope: priority/),
    });
  });
});

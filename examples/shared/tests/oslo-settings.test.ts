/** Subscribing to an OpenStack service's notifications: settings, bindings, the env switch. */
import { describe, expect, it } from 'vitest';
import { osloNotificationsFromEnv, OsloNotificationReceiver } from '../transport/index.js';
import {
  OSLO_DEFAULTS,
  osloBindings,
  osloDeadQueue,
  resolveOsloSettings,
} from '../transport/oslo-settings.js';

describe("OpenStack notifications' settings", () => {
  it("default to Heat's exchange and oslo's topic, in a queue of the notifier's own", () => {
    const settings = resolveOsloSettings({ url: 'amqp://h' });
    expect(settings).toEqual({ ...OSLO_DEFAULTS, url: 'amqp://h' });
    expect(settings).toMatchObject({ exchange: 'heat', queue: 'notifier.heat' });
    // oslo's default: amqp_durable_queues = False.
    expect(settings.exchangeDurable).toBe(false);
    expect(osloBindings(settings)).toEqual(['notifications.info', 'notifications.error']);
    expect(osloDeadQueue(settings)).toBe('notifier.heat.dead');
  });

  it('binds every topic for every priority', () => {
    const settings = resolveOsloSettings({
      url: 'amqp://h',
      topics: ['notifications', 'monitor'],
      priorities: ['error', 'warn'],
    });
    expect(osloBindings(settings)).toEqual([
      'notifications.error',
      'notifications.warn',
      'monitor.error',
      'monitor.warn',
    ]);
  });

  it('refuses what cannot work, naming the setting', () => {
    const bad = (extra: object) => () => resolveOsloSettings({ url: 'amqp://h', ...extra });
    expect(() => resolveOsloSettings({ url: 'http://h' })).toThrow(/`url` must be an amqp/);
    expect(bad({ topics: [] })).toThrow(/`topics` must list/);
    expect(bad({ topics: ['a b'] })).toThrow(/the topic "a b" is not a name/);
    expect(bad({ priorities: ['sample'] })).toThrow(/`priorities` may hold info, warn, error/);
    expect(bad({ exchange: '' })).toThrow(/`exchange` must be a name/);
    expect(bad({ prefetch: 0 })).toThrow(/`prefetch` must be a whole number/);
    expect(() => new OsloNotificationReceiver({ url: 'nope' })).toThrow(/url/);
  });
});

describe('osloNotificationsFromEnv', () => {
  it('is off when the variable is unset or empty', () => {
    expect(osloNotificationsFromEnv('X', undefined)).toBeNull();
    expect(osloNotificationsFromEnv('X', '')).toBeNull();
  });

  it("subscribes for an amqp URL, with the file's other settings", () => {
    expect(osloNotificationsFromEnv('X', 'amqps://u:p@h/v', { exchange: 'heat' })).toEqual({
      url: 'amqps://u:p@h/v',
      exchange: 'heat',
    });
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => osloNotificationsFromEnv('NOTIFIER_HEAT_NOTIFICATIONS', 'http://h')).toThrow(
      /NOTIFIER_HEAT_NOTIFICATIONS must be an amqp:\/\/ URL/,
    );
  });
});

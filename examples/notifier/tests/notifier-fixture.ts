/**
 * A notifier for a test: an in-memory database (or a file), fast retries, an SMTP port that
 * nothing listens on unless the test says otherwise. `close()` stops it.
 */
import { fileURLToPath } from 'node:url';
import { makeNotification, type Notification } from '../../shared/notification.js';
import { createNotifier, type Notifier } from '../notifier.js';
import type { NotifierSettings } from '../settings.js';

const project = fileURLToPath(new URL('..', import.meta.url));

export function testSettings(overrides: Partial<NotifierSettings> = {}): NotifierSettings {
  return {
    database: { dialect: 'sqlite', filename: ':memory:' },
    transport: { kind: 'http' },
    operatorEmail: 'operator@example.test',
    smtp: {
      host: '127.0.0.1',
      port: 9,
      secure: false,
      from: 'notifier@example.test',
      timeoutMs: 1000,
    },
    webhook: { timeoutMs: 1000 },
    delivery: { maxAttempts: 3, backoff: { initialMs: 20, maxMs: 50, factor: 2 }, pollMs: 20 },
    feedIntervalMs: 50,
    ...overrides,
  };
}

const silent = { error() {}, warn() {}, info() {}, debug() {} };

export function startNotifier(overrides: Partial<NotifierSettings> = {}): Promise<Notifier> {
  return createNotifier(testSettings(overrides), {
    templatePath: `${project}templates`,
    staticRoot: `${project}public`,
    errors: { 404: '/error/404' },
    debug: true, // as in config.ts: pecan serves public/ itself
    logging: { logger: silent },
  });
}

/** A deployment lifecycle notification, as the deployer publishes it. */
export function lifecycle(
  eventType: string,
  deployment = { id: 'd-1', name: 'shop' },
): Notification {
  const failed = eventType.endsWith('.error');
  return makeNotification(
    eventType,
    {
      deployment_id: deployment.id,
      name: deployment.name,
      status_reason: failed ? 'Stack failed: quota exceeded' : 'Stack complete',
    },
    { publisherId: 'deployer.test', priority: failed ? 'ERROR' : 'INFO' },
  );
}

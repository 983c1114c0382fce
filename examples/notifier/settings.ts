/**
 * The `notifier` section of the config file, typed. config.ts holds the values (and reads the
 * environment); this file only says what they are.
 */
import { Config, type PecanConf } from 'pecan';
import type { BackoffPolicy } from '../shared/backoff.js';
import type { DatabaseSettings } from '../shared/database.js';
import type { OsloNotificationsSettings, TransportSettings } from '../shared/transport/index.js';
import type { SmtpSettings } from './actions/email.js';
import type { WebhookSettings } from './actions/webhook.js';

export interface NotifierSettings {
  database: DatabaseSettings;
  /**
   * How notifications arrive. With `http`, the deployer POSTs them to /v1/notifications and
   * there is nothing else to start; other kinds (a message queue) start a receiver.
   */
  transport: TransportSettings;
  /**
   * Heat's own notifications (`orchestration.stack.*`), consumed from the RabbitMQ heat-engine
   * publishes on, whatever `transport` is: a durable queue of the notifier's own bound to Heat's
   * exchange (shared/transport/oslo-settings.ts). Null or absent: not subscribed.
   */
  heatNotifications?: OsloNotificationsSettings | null;
  /** Who the default `deployment-failed` definition e-mails (seeded once, on first start). */
  operatorEmail: string;
  smtp: SmtpSettings;
  webhook: WebhookSettings;
  /**
   * Retries of alarm actions: attempts before a delivery is given up, the backoff between
   * them, and how often the dispatcher looks for due deliveries (a retry waits at least that).
   */
  delivery: { maxAttempts: number; backoff: BackoffPolicy; pollMs: number };
  /** How often the live page's change feed looks for new history rows (ms). */
  feedIntervalMs: number;
}

export function readSettings(config: PecanConf): NotifierSettings {
  const section = config.notifier;
  if (section === undefined) throw new Error('the config has no `notifier` section');
  return (section instanceof Config ? section.toDict() : section) as NotifierSettings;
}

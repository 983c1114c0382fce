/**
 * The `deployer` section of the config file: which database, cloud driver and notification
 * transport the service uses, and how its background workers pace themselves.
 */
import type { DatabaseSettings } from '../shared/database.js';
import type { TransportSettings } from '../shared/transport/index.js';
import type { TemplateSettings } from './domain/catalogue.js';
import type { DriverSettings } from './drivers/index.js';

export interface DeployerSettings {
  database: DatabaseSettings;
  driver: DriverSettings;
  /**
   * Which templates stacks are made from: 'nova' (default; Nova servers, Octavia, Cinder) or
   * 'test' (Heat's test resources, for a cloud without compute), or `{ kind: 'test', waitSecs }`
   * with the seconds each test resource takes.
   */
  templates?: TemplateSettings;
  transport: TransportSettings;
  /** `publisher_id` of the notifications is `deployer.<publisherHost>`. */
  publisherHost: string;
  /** The regions users deploy to; the first is the default. */
  regions: string[];
  /** The notifier's web GUI, for the link to its alarms page. */
  notifierUrl: string;
  reconciler?: {
    /** How often to look for work started by other processes (ms). */
    pollMs?: number;
    /** How often to poll a stack in progress (ms). */
    checkMs?: number;
  };
  outbox?: {
    /** How often the dispatcher looks for notifications others wrote (ms). */
    pollMs?: number;
  };
  /** How often the live views look for new timeline events (ms). */
  feedMs?: number;
}

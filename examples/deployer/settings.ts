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
  /**
   * Admission control of the API's writes (examples/shared/write-gate.ts): past these bounds a
   * write is answered 503 with a Retry-After instead of waiting. Defaults in write-gate.ts.
   */
  admission?: {
    /** Write transactions open at once (default: 1 with SQLite, the pool size with PostgreSQL). */
    concurrency?: number;
    /** The longest a write waits for its turn (ms, default 1000). */
    maxWaitMs?: number;
    /** Writes waiting at most (default 500). */
    maxQueue?: number;
    /** Refuse writes while the event loop lags more than this (ms, default 200; 0: never). */
    maxEventLoopDelayMs?: number;
    /** Retry-After of a refusal (seconds, default 1). */
    retryAfterSec?: number;
  };
  /** How often the live views look for new timeline events (ms). */
  feedMs?: number;
}

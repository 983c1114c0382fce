/**
 * The running service: its database, cloud driver, notification sender and the background
 * workers around them — built from the `deployer` settings, started and stopped as one.
 * `setupApp` (app.ts) puts an HTTP face on it; tests build one directly.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pecan';
import { ChangeFeed } from '../shared/change-feed.js';
import { openDatabase } from '../shared/database.js';
import { migrateToLatest } from '../shared/migrate.js';
import type { Notification } from '../shared/notification.js';
import { OutboxDispatcher } from '../shared/outbox.js';
import { createSender, type NotificationSender } from '../shared/transport/index.js';
import { WriteGate } from '../shared/write-gate.js';
import { templatesOf, type Templates } from './domain/catalogue.js';
import type { LifecycleContext } from './domain/deployments.js';
import { deployerMigrations } from './domain/migrations.js';
import { NOTIFICATIONS_TOPIC } from './domain/notifications.js';
import { Reconciler } from './domain/reconciler.js';
import type { DeployerDatabase, DeploymentEventsTable } from './domain/schema.js';
import type { CloudDriver } from './drivers/driver.js';
import { createDriver, lifecycleDeadlineMs } from './drivers/index.js';
import type { DeployerSettings } from './settings.js';

export type EventRow = Omit<DeploymentEventsTable, 'id'> & { id: number };

export interface Deployer {
  settings: DeployerSettings;
  db: Kysely<DeployerDatabase>;
  driver: CloudDriver;
  /** The template set stacks are made from, and the test set's delay. */
  templates: Templates;
  sender: NotificationSender;
  reconciler: Reconciler;
  dispatcher: OutboxDispatcher;
  /** Admission control of the API's writes (503 past its bounds). */
  gate: WriteGate;
  /** New timeline events, for the live views (server-sent events). */
  events: ChangeFeed<EventRow>;
  context: LifecycleContext;
  /** Aborted when the service stops: ends the event streams. */
  stopping: AbortSignal;
  /** After a commit that started a lifecycle: work on it and send its notification now. */
  wake(): void;
  /** Ends the event streams and stops the workers (after the work in hand); the app still answers. */
  quiesce(): Promise<void>;
  /** Quiesces, then closes the driver, the sender and the database. */
  stop(): Promise<void>;
}

export interface DeployerOptions {
  logger?: Logger;
  /** Start the background workers (default true; tests may drive them by hand). */
  start?: boolean;
}

export async function createDeployer(
  settings: DeployerSettings,
  options: DeployerOptions = {},
): Promise<Deployer> {
  const { logger } = options;
  const templates = templatesOf(settings.templates);
  const database = openDatabase<DeployerDatabase>(settings.database, { logger, name: 'deployer' });
  await migrateToLatest(database, deployerMigrations);
  const { db } = database;
  const driver = createDriver(settings.driver, db);
  const sender = createSender(settings.transport, { logger, name: 'deployer' });
  const context: LifecycleContext = { publisherId: `deployer.${settings.publisherHost}` };
  const dispatcher = new OutboxDispatcher({
    db,
    // Ordered: the notifier sees a deployment's start before its end.
    topics: {
      [NOTIFICATIONS_TOPIC]: {
        ordered: true,
        handle: (body) => sender.send(body as Notification),
      },
    },
    ...(logger && { logger }),
    ...(settings.outbox?.pollMs !== undefined && { pollMs: Number(settings.outbox.pollMs) }),
  });
  const gate = writeGateOf(settings);
  const deadlineMs = lifecycleDeadlineMs(settings.driver);
  const reconciler = new Reconciler({
    db,
    driver,
    context,
    templates,
    onNotify: () => dispatcher.wake(),
    ...(deadlineMs !== undefined && { deadlineMs }),
    ...(logger && { logger }),
    ...(settings.reconciler?.pollMs !== undefined && {
      pollMs: Number(settings.reconciler.pollMs),
    }),
    ...(settings.reconciler?.checkMs !== undefined && {
      checkMs: Number(settings.reconciler.checkMs),
    }),
  });
  const events = new ChangeFeed<EventRow>(
    {
      async latestId() {
        const row = await db
          .selectFrom('deployment_events')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst();
        return Number(row?.id ?? 0);
      },
      rowsAfter: (id, limit) =>
        db
          .selectFrom('deployment_events')
          .selectAll()
          .where('id', '>', id)
          .orderBy('id')
          .limit(limit)
          .execute(),
    },
    settings.feedMs ?? 500,
  );
  const stopController = new AbortController();
  if (options.start !== false) {
    reconciler.start();
    dispatcher.start();
  }
  let quiesced: Promise<void> | null = null;
  let stopped: Promise<void> | null = null;
  const quiesce = () => {
    quiesced ??= (async () => {
      stopController.abort();
      await Promise.all([reconciler.stop(), dispatcher.stop()]);
    })();
    return quiesced;
  };
  return {
    settings,
    db,
    driver,
    templates,
    sender,
    reconciler,
    dispatcher,
    gate,
    events,
    context,
    stopping: stopController.signal,
    wake() {
      reconciler.wake();
      dispatcher.wake();
    },
    quiesce,
    stop() {
      stopped ??= (async () => {
        await quiesce();
        gate.close();
        await Promise.all([driver.close(), sender.close()]);
        await db.destroy();
      })();
      return stopped;
    },
  };
}

/** One writer at a time with SQLite (one connection); as many as the pool has with PostgreSQL. */
function writeGateOf({ database, admission = {} }: DeployerSettings): WriteGate {
  const poolSize = database.dialect === 'postgres' ? Number(database.poolSize ?? 5) : 1;
  return new WriteGate({ ...admission, concurrency: admission.concurrency ?? poolSize });
}

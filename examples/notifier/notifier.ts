/**
 * The notifier put together: database and migrations, the actions, the outbox dispatcher that
 * delivers them, the change feed behind the live page, the receiver of notifications, and the
 * pecan app. setupApp (app.ts) uses it for `pecan serve`; tests use it for the handle it
 * returns, to stop everything.
 */
import type { Kysely } from 'kysely';
import { createLogger, makeApp, type AppSettings, type PecanApp } from 'pecan';
import { ChangeFeed } from '../shared/change-feed.js';
import { openDatabase } from '../shared/database.js';
import { migrateToLatest } from '../shared/migrate.js';
import { OutboxDispatcher } from '../shared/outbox.js';
import { serviceOpenApi } from '../shared/openapi.js';
import { transactionHook } from '../shared/transactions.js';
import { DatabaseUnavailableHook, isApiPath } from '../shared/unavailable.js';
import {
  createReceiver,
  OsloNotificationReceiver,
  type NotificationReceiver,
} from '../shared/transport/index.js';
import { closeActions, createActions } from './actions/create-actions.js';
import { deliveryHandler } from './actions/deliver.js';
import { ApiErrorsHook } from './controllers/api-errors.js';
import { RootController } from './controllers/root.js';
import { RejectedNotificationsHook } from './controllers/v1/rejected-count.js';
import type { Services } from './controllers/services.js';
import { bump } from './domain/counters.js';
import { historyFeedSource } from './domain/history-feed.js';
import { notifierMigrations } from './domain/migrations.js';
import { ACTION_TOPIC, receiveNotification } from './domain/receive.js';
import type { NotifierDatabase } from './domain/schema.js';
import type { NotifierSettings } from './settings.js';

export interface Notifier {
  app: PecanApp;
  db: Kysely<NotifierDatabase>;
  dispatcher: OutboxDispatcher;
  /** Ends the live streams and stops receiving and delivering; requests still work. */
  stop(): Promise<void>;
  /** stop(), then closes the actions' connections and the database. */
  close(): Promise<void>;
}

export type AppOptions = Pick<
  AppSettings,
  'staticRoot' | 'templatePath' | 'debug' | 'errors' | 'trustProxy'
> & {
  /** The config's `logging` section (or a logger). */
  logging?: Parameters<typeof createLogger>[0];
};

export async function createNotifier(
  settings: NotifierSettings,
  options: AppOptions = {},
): Promise<Notifier> {
  const logger = createLogger(options.logging, 'notifier');
  const database = openDatabase<NotifierDatabase>(settings.database, { logger, name: 'notifier' });
  const { db } = database;
  await migrateToLatest(database, notifierMigrations({ operatorEmail: settings.operatorEmail }));

  const actions = createActions(settings, logger);
  const dispatcher = new OutboxDispatcher({
    db,
    topics: {
      [ACTION_TOPIC]: {
        handle: deliveryHandler(db, actions),
        maxAttempts: settings.delivery.maxAttempts,
        backoff: settings.delivery.backoff,
      },
    },
    logger,
    pollMs: settings.delivery.pollMs,
  });
  dispatcher.start();

  // Other transports (a queue) hand notifications over here; `http` comes through the
  // controller of POST /v1/notifications instead, and its receiver does nothing.
  const receivers: NotificationReceiver[] = [
    createReceiver(settings.transport, { logger, name: 'notifier' }),
  ];
  // Heat's own notifications, from Heat's broker, into the same inbox (message ids are UUIDs).
  if (settings.heatNotifications)
    receivers.push(
      new OsloNotificationReceiver(settings.heatNotifications, {
        logger,
        name: 'notifier (heat notifications)',
      }),
    );
  for (const receiver of receivers)
    await receiver.start(
      async (notification) => {
        await db.transaction().execute((trx) => receiveNotification(trx, notification));
        dispatcher.wake();
      },
      { rejected: () => bump(db, 'rejected') },
    );

  const stopping = new AbortController();
  const services: Services = {
    db,
    dispatcher,
    feed: new ChangeFeed(historyFeedSource(db), settings.feedIntervalMs),
    stopping: stopping.signal,
  };
  const app = makeApp(new RootController(services), {
    hooks: [
      transactionHook(db),
      new ApiErrorsHook(),
      new DatabaseUnavailableHook({ logger, isApi: isApiPath }),
      new RejectedNotificationsHook(db),
    ],
    staticRoot: options.staticRoot,
    templatePath: options.templatePath,
    debug: options.debug,
    errors: options.errors,
    trustProxy: options.trustProxy,
    openapi: serviceOpenApi(
      'Notifier API',
      'Receives the notifications of the deployer, raises alarms by its definitions, and acts on them.',
    ),
    logger: createLogger(options.logging),
  });

  const notifier: Notifier = {
    app,
    db,
    dispatcher,
    async stop() {
      stopping.abort();
      await Promise.all(receivers.map((receiver) => receiver.close()));
      await dispatcher.stop();
    },
    async close() {
      await notifier.stop();
      await closeActions(actions);
      await db.destroy();
    },
  };
  return notifier;
}

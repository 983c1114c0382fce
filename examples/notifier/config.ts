import { defineConfig } from 'pecan';
import { databaseFromEnv } from '../shared/database.js';
import { trustProxyFromEnv } from '../shared/trust-proxy.js';
import { osloNotificationsFromEnv, transportFromEnv } from '../shared/transport/index.js';

// `pecan serve examples/notifier/config.ts` reads this file. `${confdir}` is its folder.
// The environment may move what a test or `npm start` needs to move: NOTIFIER_HOST,
// NOTIFIER_PORT, NOTIFIER_DATABASE (a file or a postgres:// URL), NOTIFIER_DATABASE_POOL_SIZE,
// NOTIFIER_TRANSPORT (unset: http; or an amqp:// URL), NOTIFIER_HEAT_NOTIFICATIONS (unset: off;
// or the amqp:// URL of Heat's RabbitMQ), NOTIFIER_HEAT_EXCHANGE, NOTIFIER_HEAT_QUEUE,
// NOTIFIER_SMTP_HOST, NOTIFIER_SMTP_PORT, NOTIFIER_SMTP_FROM, NOTIFIER_OPERATOR_EMAIL,
// NOTIFIER_PUBLIC_URL, and behind a proxy
// (deploy/) NOTIFIER_TRUST_PROXY: `true` under Passenger, else the proxies' addresses.
const env = process.env;
const port = Number(env.NOTIFIER_PORT ?? 8081);

export default defineConfig({
  // Where `pecan serve` listens; --host and --port override it.
  server: {
    host: env.NOTIFIER_HOST ?? '127.0.0.1',
    port,
  },
  app: {
    // The module whose setupApp(config) builds the app.
    modules: ['./app.js'],
    staticRoot: '${confdir}/public',
    templatePath: '${confdir}/templates',
    // Debug pages, and static files served by pecan itself: for development. In production
    // (NODE_ENV=production) the front web server serves public/, as Apache does for Pecan.
    debug: process.env.NODE_ENV !== 'production',
    errors: {
      404: '/error/404',
    },
    // Whose X-Forwarded-Proto/-Host/-For to believe (see docs/deployment.md).
    trustProxy: trustProxyFromEnv(env.NOTIFIER_TRUST_PROXY),
  },
  logging: {
    level: 'info',
  },
  notifier: {
    // SQLite by default (a file under var/). NOTIFIER_DATABASE=postgres://user:password@host/db
    // selects PostgreSQL, with a pool of NOTIFIER_DATABASE_POOL_SIZE connections per process
    // (default 5): keep processes × pool size under the server's max_connections.
    database: databaseFromEnv(env.NOTIFIER_DATABASE, '${confdir}/var/notifier.sqlite', {
      poolSize: env.NOTIFIER_DATABASE_POOL_SIZE ? Number(env.NOTIFIER_DATABASE_POOL_SIZE) : 5,
    }),
    // By default (http) the deployer POSTs notifications to /v1/notifications.
    // NOTIFIER_TRANSPORT=amqp://user:password@host:5672/vhost consumes them from RabbitMQ
    // instead: the durable queue `queue`, bound to the exchange for `bindings`, acknowledged
    // after each notification's transaction commits; unreadable messages go to `<queue>.dead`.
    // Keep exchange, queue and bindings equal to the deployer's.
    transport: transportFromEnv(
      'NOTIFIER_TRANSPORT',
      env.NOTIFIER_TRANSPORT,
      { kind: 'http' },
      { exchange: 'deployer', queue: 'notifier', bindings: ['deployment.#'], prefetch: 10 },
    ),
    // Off by default. NOTIFIER_HEAT_NOTIFICATIONS=amqp://user:password@host:5672/vhost (heat.conf's
    // transport_url, with [oslo_messaging_notifications] driver = messagingv2) also consumes
    // Heat's own notifications: the durable queue `queue`, bound to Heat's exchange (its
    // control_exchange, NOTIFIER_HEAT_EXCHANGE) for `<topic>.<priority>` of each topic and
    // priority, acknowledged after each commit; unreadable messages go to `<queue>.dead`.
    // `exchangeDurable` is heat.conf's [oslo_messaging_rabbit] amqp_durable_queues.
    heatNotifications: osloNotificationsFromEnv(
      'NOTIFIER_HEAT_NOTIFICATIONS',
      env.NOTIFIER_HEAT_NOTIFICATIONS,
      {
        exchange: env.NOTIFIER_HEAT_EXCHANGE || 'heat',
        topics: ['notifications'],
        priorities: ['info', 'error'],
        // Its own queue per notifier installation (two on one Heat each need theirs).
        queue: env.NOTIFIER_HEAT_QUEUE || 'notifier.heat',
        exchangeDurable: false,
      },
    ),
    operatorEmail: env.NOTIFIER_OPERATOR_EMAIL ?? 'operator@example.com',
    smtp: {
      host: env.NOTIFIER_SMTP_HOST ?? '127.0.0.1',
      port: Number(env.NOTIFIER_SMTP_PORT ?? 2525),
      secure: false,
      from: env.NOTIFIER_SMTP_FROM ?? 'notifier@example.com',
      timeoutMs: 10_000,
      // For the link to the alarm's page in e-mails; default: the address `pecan serve` uses.
      publicUrl: env.NOTIFIER_PUBLIC_URL,
      // Without a mail server (NOTIFIER_SMTP_HOST unset), e-mails are written to var/mail/ as
      // .eml files: the embedded default needs no server.
      pickupDirectory: env.NOTIFIER_SMTP_HOST ? undefined : '${confdir}/var/mail',
    },
    webhook: {
      timeoutMs: 5000,
    },
    // An action is tried up to 5 times, 0.5 s, 1 s, 2 s, 4 s apart (with jitter), then given up.
    delivery: {
      maxAttempts: 5,
      backoff: { initialMs: 500, maxMs: 30_000, factor: 2 },
      pollMs: 250,
    },
    feedIntervalMs: 500,
  },
});

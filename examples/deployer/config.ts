import os from 'node:os';
import { defineConfig } from 'pecan';
import { databaseFromEnv } from '../shared/database.js';
import { trustProxyFromEnv } from '../shared/trust-proxy.js';
import { transportFromEnv } from '../shared/transport/index.js';

// `pecan serve examples/deployer/config.ts` serves the deployer. The environment may move what
// a test or `npm start` needs to move: DEPLOYER_HOST, DEPLOYER_PORT, DEPLOYER_DATABASE (a file,
// ':memory:' or a postgres:// URL), DEPLOYER_DATABASE_POOL_SIZE, DEPLOYER_TRANSPORT (unset: http; or an amqp:// URL), NOTIFIER_URL (the
// notifier's base URL), and for the simulated cloud DEPLOYER_STACK_DELAY_MS (every stack
// action takes this long) and DEPLOYER_FAILURE_RATE (0 to 1).
// DEPLOYER_DRIVER=openstack drives a real cloud instead, with the credentials of an OpenStack
// RC file: OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, OS_USER_DOMAIN_NAME,
// OS_PROJECT_DOMAIN_NAME, OS_REGION_NAME, OS_INTERFACE. DEPLOYER_TEMPLATES=test makes stacks
// from Heat's test resources instead of Nova servers (a cloud without compute), each taking
// DEPLOYER_TEST_WAIT_SECS seconds (default 2). Behind a proxy (deploy/),
// DEPLOYER_TRUST_PROXY: `true` under Passenger, else the proxies' addresses (`127.0.0.1`).
// Admission control of the API's writes (README.md, "Under load"): DEPLOYER_MAX_WRITE_WAIT_MS,
// DEPLOYER_MAX_WRITE_QUEUE, DEPLOYER_MAX_EVENT_LOOP_DELAY_MS, DEPLOYER_RETRY_AFTER_SECS.
const env = process.env;
const notifierUrl = env.NOTIFIER_URL ?? 'http://127.0.0.1:8081';
const stackDelay =
  env.DEPLOYER_STACK_DELAY_MS === undefined ? undefined : Number(env.DEPLOYER_STACK_DELAY_MS);

// The simulated cloud: Heat's stack lifecycle, kept in the deployer's database.
const simulated = {
  kind: 'simulated',
  // By default a create takes 2 s plus 0.4 s per instance, a delete 1.5 s.
  ...(stackDelay !== undefined && {
    delays: { base: stackDelay, perInstance: 0, delete: stackDelay },
  }),
  failureRate: Number(env.DEPLOYER_FAILURE_RATE ?? 0),
};

// OpenStack: Keystone v3 password authentication, then Heat in each region.
const openstack = {
  kind: 'openstack',
  authUrl: env.OS_AUTH_URL ?? 'http://127.0.0.1:5000/v3',
  username: env.OS_USERNAME ?? '',
  password: env.OS_PASSWORD ?? '',
  userDomainName: env.OS_USER_DOMAIN_NAME ?? 'Default',
  projectName: env.OS_PROJECT_NAME ?? '',
  projectDomainName: env.OS_PROJECT_DOMAIN_NAME ?? 'Default',
  interface: env.OS_INTERFACE ?? 'public',
};

export default defineConfig({
  server: {
    host: env.DEPLOYER_HOST ?? '127.0.0.1',
    port: Number(env.DEPLOYER_PORT ?? 8080),
  },
  app: {
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
    trustProxy: trustProxyFromEnv(env.DEPLOYER_TRUST_PROXY),
  },
  logging: {
    level: 'info',
  },
  deployer: {
    // SQLite by default (a file under var/). DEPLOYER_DATABASE=postgres://user:password@host/db
    // selects PostgreSQL, with a pool of DEPLOYER_DATABASE_POOL_SIZE connections per process
    // (default 5): keep processes × pool size under the server's max_connections.
    database: databaseFromEnv(env.DEPLOYER_DATABASE, '${confdir}/var/deployer.sqlite', {
      poolSize: env.DEPLOYER_DATABASE_POOL_SIZE ? Number(env.DEPLOYER_DATABASE_POOL_SIZE) : 5,
    }),
    // The cloud: the configuration picks the driver, the code never asks which one it has.
    driver: env.DEPLOYER_DRIVER === 'openstack' ? openstack : simulated,
    // The apps' templates: 'nova' (servers, load balancers, volumes) or 'test' (Heat's test
    // resources, for a cloud with Keystone and Heat only), whose resources each take waitSecs.
    templates:
      env.DEPLOYER_TEMPLATES === 'test'
        ? { kind: 'test', waitSecs: Number(env.DEPLOYER_TEST_WAIT_SECS ?? 2) }
        : (env.DEPLOYER_TEMPLATES ?? 'nova'),
    // Where the notifications go. By default the notifier's POST /v1/notifications (http);
    // DEPLOYER_TRANSPORT=amqp://user:password@host:5672/vhost publishes them to RabbitMQ
    // instead: the topic exchange `exchange`, routing key = event_type, publisher confirms.
    // The deployer declares the notifier's queue too (as OpenStack's notifiers do), so that
    // nothing is lost before the notifier first starts: keep these equal in both configs.
    transport: transportFromEnv(
      'DEPLOYER_TRANSPORT',
      env.DEPLOYER_TRANSPORT,
      { kind: 'http', url: `${notifierUrl.replace(/\/$/, '')}/v1/notifications` },
      { exchange: 'deployer', queue: 'notifier', bindings: ['deployment.#'] },
    ),
    publisherHost: os.hostname(),
    // The first is the default. With OpenStack, the RC file's region.
    regions: env.OS_REGION_NAME ? [env.OS_REGION_NAME] : ['RegionOne', 'RegionTwo'],
    notifierUrl,
    // Past these bounds a write is answered 503 with a Retry-After instead of queueing; unset,
    // the defaults of examples/shared/write-gate.ts.
    admission: {
      ...numberFromEnv('maxWaitMs', env.DEPLOYER_MAX_WRITE_WAIT_MS),
      ...numberFromEnv('maxQueue', env.DEPLOYER_MAX_WRITE_QUEUE),
      ...numberFromEnv('maxEventLoopDelayMs', env.DEPLOYER_MAX_EVENT_LOOP_DELAY_MS),
      ...numberFromEnv('retryAfterSec', env.DEPLOYER_RETRY_AFTER_SECS),
    },
  },
});

function numberFromEnv(key: string, value: string | undefined): Record<string, number> {
  return value === undefined || value === '' ? {} : { [key]: Number(value) };
}

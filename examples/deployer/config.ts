import os from 'node:os';
import { defineConfig } from 'pecan';

// `pecan serve examples/deployer/config.ts` serves the deployer. The environment may move what
// a test or `npm start` needs to move: DEPLOYER_HOST, DEPLOYER_PORT, DEPLOYER_DATABASE (a file,
// or ':memory:'), NOTIFIER_URL (the notifier's base URL), and for the simulated cloud
// DEPLOYER_STACK_DELAY_MS (every stack action takes this long) and DEPLOYER_FAILURE_RATE (0 to 1).
const env = process.env;
const notifierUrl = env.NOTIFIER_URL ?? 'http://127.0.0.1:8081';
const stackDelay =
  env.DEPLOYER_STACK_DELAY_MS === undefined ? undefined : Number(env.DEPLOYER_STACK_DELAY_MS);

export default defineConfig({
  server: {
    host: env.DEPLOYER_HOST ?? '127.0.0.1',
    port: Number(env.DEPLOYER_PORT ?? 8080),
  },
  app: {
    modules: ['./app.js'],
    staticRoot: '${confdir}/public',
    templatePath: '${confdir}/templates',
    debug: true,
    errors: {
      404: '/error/404',
    },
  },
  logging: {
    level: 'info',
  },
  deployer: {
    database: {
      dialect: 'sqlite',
      filename: env.DEPLOYER_DATABASE ?? '${confdir}/var/deployer.sqlite',
    },
    // The cloud: 'simulated' (Heat's lifecycle, in the database) or, once configured,
    // 'openstack' with Keystone credentials (see drivers/openstack/).
    driver: {
      kind: 'simulated',
      // By default a create takes 2 s plus 0.4 s per instance, a delete 1.5 s.
      ...(stackDelay !== undefined && {
        delays: { base: stackDelay, perInstance: 0, delete: stackDelay },
      }),
      failureRate: Number(env.DEPLOYER_FAILURE_RATE ?? 0),
    },
    // Where the notifications go: the notifier's POST /v1/notifications.
    transport: {
      kind: 'http',
      url: `${notifierUrl.replace(/\/$/, '')}/v1/notifications`,
    },
    publisherHost: os.hostname(),
    regions: ['RegionOne', 'RegionTwo'],
    notifierUrl,
  },
});

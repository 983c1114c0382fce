import os from 'node:os';
import { defineConfig } from 'pecan';

// `pecan serve examples/deployer/config.ts` serves the deployer. The environment overrides what
// tests and `npm start` move: DEPLOYER_HOST, DEPLOYER_PORT, DEPLOYER_DB (a file or ':memory:'),
// NOTIFIER_URL (the notifier's base URL), DEPLOYER_FAILURE_RATE (0 to 1, simulated driver).
const notifierUrl = process.env.NOTIFIER_URL ?? 'http://127.0.0.1:8081';

export default defineConfig({
  server: {
    host: process.env.DEPLOYER_HOST ?? '127.0.0.1',
    port: Number(process.env.DEPLOYER_PORT ?? 8080),
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
      filename: process.env.DEPLOYER_DB ?? '${confdir}/var/deployer.sqlite',
    },
    // The cloud: 'simulated' (Heat's lifecycle, in the database) or, once configured,
    // 'openstack' with Keystone credentials (see drivers/openstack/).
    driver: {
      kind: 'simulated',
      failureRate: Number(process.env.DEPLOYER_FAILURE_RATE ?? 0),
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

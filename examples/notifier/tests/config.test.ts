import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadTestApp, resetGlobalConfig } from 'pecan/testing';
import { fetchClient } from '../../../test/support/adapters.js';
import { startNotifier } from './notifier-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-notifier-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the project', () => {
  afterEach(() => resetGlobalConfig());

  it('is served from its config file, which the environment can move', async () => {
    process.env.NOTIFIER_DATABASE = path.join(dir, 'from-config.sqlite');
    process.env.NOTIFIER_OPERATOR_EMAIL = 'oncall@example.test';
    try {
      const config = fileURLToPath(new URL('../config.ts', import.meta.url));
      const app = await loadTestApp(config);
      const page = await app.get('/', { headers: { accept: 'text/html' } });
      expect(page.text).toContain('<table');
      const definitions = await app.get('/v1/alarm-definitions');
      expect(JSON.stringify(definitions.json)).toContain('oncall@example.test');
      expect(fs.existsSync(process.env.NOTIFIER_DATABASE)).toBe(true);
    } finally {
      delete process.env.NOTIFIER_DATABASE;
      delete process.env.NOTIFIER_OPERATOR_EMAIL;
    }
  });

  it("subscribes to Heat's notifications only when NOTIFIER_HEAT_NOTIFICATIONS names a broker", async () => {
    const heatOf = async () => {
      vi.resetModules(); // config.ts reads the environment when it is imported
      const { default: config } = await import('../config.js');
      return (config as { notifier: { heatNotifications: unknown } }).notifier.heatNotifications;
    };
    expect(await heatOf()).toBeNull();
    process.env.NOTIFIER_HEAT_NOTIFICATIONS = 'amqp://heat:secret@controller:5672/';
    process.env.NOTIFIER_HEAT_EXCHANGE = 'openstack';
    process.env.NOTIFIER_HEAT_QUEUE = 'staging.heat';
    try {
      expect(await heatOf()).toEqual({
        url: 'amqp://heat:secret@controller:5672/',
        exchange: 'openstack',
        topics: ['notifications'],
        priorities: ['info', 'error'],
        queue: 'staging.heat',
        exchangeDurable: false,
      });
      process.env.NOTIFIER_HEAT_NOTIFICATIONS = 'controller:5672';
      await expect(heatOf()).rejects.toThrow(/NOTIFIER_HEAT_NOTIFICATIONS must be an amqp/);
    } finally {
      delete process.env.NOTIFIER_HEAT_NOTIFICATIONS;
      delete process.env.NOTIFIER_HEAT_EXCHANGE;
      delete process.env.NOTIFIER_HEAT_QUEUE;
    }
  });

  it('seeds the default definitions once: deleted ones stay deleted', async () => {
    const filename = path.join(dir, 'seed.sqlite');
    const first = await startNotifier({ database: { dialect: 'sqlite', filename } });
    await fetchClient(first.app).delete('/v1/alarm-definitions/1');
    await first.close();

    const second = await startNotifier({ database: { dialect: 'sqlite', filename } });
    try {
      const list = (await fetchClient(second.app).get('/v1/alarm-definitions')).json as {
        alarmDefinitions: { name: string }[];
      };
      expect(list.alarmDefinitions.map((d) => d.name)).toEqual([
        'deployment-failed',
        'stack-failed',
      ]);
    } finally {
      await second.close();
    }
  });
});

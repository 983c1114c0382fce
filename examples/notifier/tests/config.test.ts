import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
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

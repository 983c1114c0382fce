import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestApp, resetGlobalConfig } from 'pecan/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deployerOf } from '../app.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-deployer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the project', () => {
  afterEach(() => resetGlobalConfig());

  it('is served from its config file, which the environment can move', async () => {
    const database = path.join(dir, 'from-config.sqlite');
    process.env.DEPLOYER_DATABASE = database;
    process.env.NOTIFIER_URL = 'http://127.0.0.1:18081';
    try {
      const config = fileURLToPath(new URL('../config.ts', import.meta.url));
      const app = await loadTestApp(config);
      const page = await app.get('/');
      expect(page.text).toContain('<form id="deploy-form"');
      expect(page.text).toContain('<a href="http://127.0.0.1:18081/" id="alarms-link">');
      const created = await app.postJson('/v1/deployments', {
        name: 'from-config',
        app: 'static-site',
        size: 'small',
        count: 1,
      });
      expect(created.status).toBe(202);
      expect(created.json).toMatchObject({ region: 'RegionOne', status: 'CREATE_IN_PROGRESS' });
      expect(fs.existsSync(database)).toBe(true);
      expect((await app.get('/css/style.css')).status).toBe(200);
      await deployerOf(app.app)!.stop();
    } finally {
      delete process.env.DEPLOYER_DATABASE;
      delete process.env.NOTIFIER_URL;
    }
  });
});

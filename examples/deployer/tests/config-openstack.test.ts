// A config file is an ES module, read once per process: each environment gets a test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestApp, resetGlobalConfig } from 'pecan/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deployerOf } from '../app.js';
import { FakeOpenStack } from './fake-openstack.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-deployer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the project on OpenStack', () => {
  afterEach(() => resetGlobalConfig());

  it('drives OpenStack when DEPLOYER_DRIVER says so, with the OS_* credentials', async () => {
    const cloud = await new FakeOpenStack().start();
    cloud.compute = false;
    const variables = {
      DEPLOYER_DATABASE: path.join(dir, 'openstack.sqlite'),
      DEPLOYER_DRIVER: 'openstack',
      DEPLOYER_TEMPLATES: 'test',
      DEPLOYER_TEST_WAIT_SECS: '3',
      OS_AUTH_URL: `${cloud.url}/identity/v3`,
      OS_USERNAME: cloud.settings.username,
      OS_PASSWORD: cloud.settings.password,
      OS_PROJECT_NAME: cloud.settings.projectName,
      OS_REGION_NAME: 'RegionTwo',
    };
    Object.assign(process.env, variables);
    try {
      const config = fileURLToPath(new URL('../config.ts', import.meta.url));
      const app = await loadTestApp(config);
      const deployer = deployerOf(app.app)!;
      const created = await app.postJson('/v1/deployments', {
        name: 'on-heat',
        app: 'wordpress',
        size: 'small',
        count: 1,
      });
      expect(created.json).toMatchObject({ region: 'RegionTwo' });
      const deadline = Date.now() + 5000;
      while (cloud.stacks.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await deployer.stop();
      expect(cloud.stacks.map((stack) => stack.name)).toEqual([
        `deployer-${(created.json as { id: string }).id}`,
      ]);
      // The test templates, each resource taking DEPLOYER_TEST_WAIT_SECS.
      expect(cloud.stacks[0]!.template.description).toMatch(/simulated with Heat test resources/);
      expect(cloud.stacks[0]!.parameters).toMatchObject({ wait_secs: 3 });
      expect(cloud.calls[0]).toMatchObject({ endpoint: 'public RegionTwo' });
    } finally {
      for (const name of Object.keys(variables)) delete process.env[name];
      await cloud.stop();
    }
  });
});

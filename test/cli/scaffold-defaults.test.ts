/**
 * What `pecan create` projects start with: the debug page reachable from this machine only, and
 * off in production; a tsconfig for pecan's standard decorators.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/index.js';
import { fakeIO } from './fake-io.js';

interface Settings {
  server: { host: string };
  app: { debug: boolean };
}
const load = async (file: string) => (await loadConfig(file)) as unknown as Settings;

const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-scaffold-defaults-'));
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

for (const template of ['base', 'rest-api']) {
  describe(`the ${template} template`, () => {
    const project = path.join(cwd, template);

    it('is created', async () => {
      expect(await runCli(['create', project, '--template', template], fakeIO(cwd))).toBe(0);
    });

    it('listens on loopback, with debug on outside production only', async () => {
      const config = path.join(project, 'src', 'config.ts');
      const saved = process.env.NODE_ENV;
      try {
        process.env.NODE_ENV = 'development';
        const dev = await load(config);
        expect(dev.server.host).toBe('127.0.0.1');
        expect(dev.app.debug).toBe(true);
        process.env.NODE_ENV = 'production';
        // A copy, so the module is evaluated again.
        const copy = path.join(project, 'src', 'config-production.ts');
        fs.copyFileSync(config, copy);
        expect((await load(copy)).app.debug).toBe(false);
      } finally {
        process.env.NODE_ENV = saved;
      }
    });

    it('compiles standard decorators: experimentalDecorators is off', () => {
      const file = path.join(project, 'tsconfig.json');
      const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
      expect(error).toBeUndefined();
      const options = (config as { compilerOptions: Record<string, unknown> }).compilerOptions;
      expect(options.experimentalDecorators).toBe(false);
      expect(options.lib).toContain('ESNext.Decorators');
    });
  });
}

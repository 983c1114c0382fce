/**
 * A config that cannot be loaded is one line on stderr — `pecan serve: error: <file>: <what is
 * wrong and the fix>` — and status 1, as the command's other errors; `--debug` adds the stack.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAll, runPecan } from './cli-process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-config-errors-'));
fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');

function file(name: string, text: string): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, text);
  return full;
}

afterEach(killAll);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `pecan serve` and returns its stderr, once it has exited with status 1. */
async function serveFails(args: string[]): Promise<string> {
  const cli = runPecan(['serve', ...args], { cwd: dir });
  expect(await cli.exited(15_000)).toBe(1);
  expect(cli.stdout()).toBe('');
  return cli.stderr();
}

const STACK_FRAME = /^\s+at /m;

describe('pecan serve with a config it cannot load', () => {
  it('names a missing module of app.modules, and where it was looked for', async () => {
    const config = file('missing-module.js', `export default { app: { modules: ['./nope.js'] } };`);
    expect(await serveFails([config])).toBe(
      `pecan serve: error: ${config}: app.modules: cannot import './nope.js': ` +
        `${path.join(dir, 'nope.js')} does not exist (a relative path starts from the config file's folder)\n`,
    );
  });

  it('names a package that is not installed, and how to install it', async () => {
    const config = file(
      'missing-package.js',
      `export default { app: { modules: ['no-such-pkg'] } };`,
    );
    expect(await serveFails([config])).toBe(
      `pecan serve: error: ${config}: app.modules: cannot import 'no-such-pkg': ` +
        `the package is not installed (npm install no-such-pkg)\n`,
    );
  });

  it('points at a syntax error in the config', async () => {
    const config = file('syntax.ts', `export default {\n  app: { root: './root.js' ,, },\n};\n`);
    const stderr = await serveFails([config]);
    expect(stderr).toMatch(
      new RegExp(`^pecan serve: error: ${config}: syntax error at ${config}:2:\\d+: .+\\n$`),
    );
  });

  it('says how to fix a config with no root', async () => {
    const config = file('no-root.js', `export default { server: { port: 8080 } };`);
    expect(await serveFails([config])).toBe(
      `pecan serve: error: ${config}: the config sets neither app.root (the root controller) nor ` +
        `app.modules (with a setupApp): add app: { root: './controllers/root.js#RootController' }\n`,
    );
  });

  it('refuses a file that is not a config', async () => {
    const notes = file('notes.md', '# notes\n');
    expect(await serveFails([notes])).toBe(
      `pecan serve: error: ${notes} is not a config file: use a .ts, .js or .json file ` +
        `whose default export is defineConfig({ ... })\n`,
    );
    const fn = file('function.js', 'export default function () {}\n');
    expect(await serveFails([fn])).toBe(
      `pecan serve: error: ${fn} must export its configuration as an object: ` +
        `export default defineConfig({ ... })\n`,
    );
  });

  it("reports the app's own start-up error in one line with its place, the stack with --debug", async () => {
    const config = file('throws.js', `export default { app: { modules: ['./throws-app.js'] } };`);
    const app = file(
      'throws-app.js',
      `export function setupApp() {\n  throw new Error('database unreachable');\n}\n`,
    );
    expect(await serveFails([config])).toBe(
      `pecan serve: error: database unreachable (at ${app}:2:9)\n` +
        '(run it again with --debug for the stack trace)\n',
    );
    for (const args of [
      [config, '--debug'],
      ['--debug', config],
    ]) {
      const stderr = await serveFails(args);
      expect(stderr).toMatch(/^pecan serve: error: database unreachable\n/);
      expect(stderr).toMatch(STACK_FRAME);
      expect(stderr).toMatch(/^ +at setupApp \(.*throws-app\.js:2:9\)$/m);
    }
  });

  it('shows the underlying error of a config error with --debug', async () => {
    const config = file('missing-debug.js', `export default { app: { modules: ['./gone.js'] } };`);
    expect(await serveFails([config])).not.toMatch(STACK_FRAME);
    const stderr = await serveFails(['--debug', config]);
    expect(stderr).toContain('Caused by:');
    expect(stderr).toContain("Cannot find module '");
    expect(stderr).toMatch(STACK_FRAME);
  });
});

/**
 * `npm start` (examples/start.ts): both services come up, each announced by one line with its
 * URL, and Ctrl-C (SIGINT) stops both cleanly — the launcher and its two `pecan serve`
 * processes exit, the launcher with status 0.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { freePort, root, tempDir, waitFor } from './harness.js';

it('starts both services, prints one line each, and stops both on Ctrl-C', async () => {
  const dir = tempDir('start');
  const [deployerPort, notifierPort] = [await freePort(), await freePort()];
  const launcher = spawn(process.execPath, ['--import', 'tsx', 'examples/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DEPLOYER_PORT: String(deployerPort),
      DEPLOYER_DATABASE: path.join(dir, 'deployer.sqlite'),
      NOTIFIER_PORT: String(notifierPort),
      NOTIFIER_DATABASE: path.join(dir, 'notifier.sqlite'),
      NOTIFIER_URL: `http://127.0.0.1:${notifierPort}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stdout.on('data', (chunk) => (output += chunk));
  launcher.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', resolve));
  try {
    await waitFor(
      'both services to be announced',
      () =>
        output.includes(`deployer: http://127.0.0.1:${deployerPort}/`) &&
        output.includes(`notifier: http://127.0.0.1:${notifierPort}/`),
      30_000,
    );
    expect(output.match(/^(deployer|notifier): http/gm)).toHaveLength(2);
    for (const port of [deployerPort, notifierPort])
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    launcher.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000)),
    ]);
    expect(code, output).toBe(0);
    for (const port of [deployerPort, notifierPort])
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  } finally {
    launcher.kill('SIGKILL');
  }
}, 60_000);

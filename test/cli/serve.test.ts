import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { killAll, repoRoot, runPecan, servingPort } from './cli-process.js';
import { freePort, get } from './http-get.js';

const config = fileURLToPath(new URL('./fixtures/app/config.ts', import.meta.url));

afterEach(killAll);

describe('pecan serve', () => {
  it('prints the startup lines and serves on the address they name', async () => {
    const cli = runPecan(['serve', config]);
    const port = await servingPort(cli);
    expect(cli.stdout()).toContain(`Starting server in PID ${cli.child.pid}\n`);
    expect(await get(port, '/')).toEqual({ status: 200, text: 'ok' });
    cli.child.kill('SIGTERM');
    expect(await cli.exited()).toBe(0);
  });

  it('listens on the port of the config, and --port wins over it', async () => {
    const [configured, flagged] = [await freePort(), await freePort()];
    const env = { PECAN_TEST_PORT: String(configured) };
    const fromConfig = runPecan(['serve', config], { env });
    expect(await servingPort(fromConfig)).toBe(configured);
    fromConfig.child.kill('SIGTERM');
    expect(await fromConfig.exited()).toBe(0);

    const fromFlag = runPecan(['serve', config, '--port', String(flagged)], { env });
    expect(await servingPort(fromFlag)).toBe(flagged);
    expect((await get(flagged, '/')).text).toBe('ok');
  });

  it('prints a view-at URL when it listens on every interface', async () => {
    const cli = runPecan(['serve', config, '--host', '0.0.0.0']);
    const match = await cli.waitFor(
      /serving on 0\.0\.0\.0:(\d+), view at http:\/\/127\.0\.0\.1:(\d+)/,
    );
    expect(match[1]).toBe(match[2]);
    expect((await get(Number(match[1]), '/')).status).toBe(200);
  });

  it('reads the config file from PECAN_CONFIG', async () => {
    const cli = runPecan(['serve'], { env: { PECAN_CONFIG: config } });
    expect((await get(await servingPort(cli), '/')).text).toBe('ok');
  });

  it('fails clearly when the config file is missing', async () => {
    const cli = runPecan(['serve', 'missing_config.ts']);
    expect(await cli.exited()).toBe(1);
    expect(cli.stderr()).toContain(
      `\`${path.join(repoRoot, 'missing_config.ts')}\` is not a file.`,
    );
  });

  it('logs a line per request: info for a 200, warn for a 404', async () => {
    const cli = runPecan(['serve', config]);
    const port = await servingPort(cli);
    await get(port, '/');
    await get(port, '/missing');
    await cli.waitFor(/INFO +\[pecan\.commands\.serve\] 127\.0\.0\.1 "GET \/ HTTP\/1\.1" 200/);
    await cli.waitFor(
      /WARN +\[pecan\.commands\.serve\] 127\.0\.0\.1 "GET \/missing HTTP\/1\.1" 404/,
      10_000,
      'stderr',
    );
  });

  it('on SIGTERM lets the in-flight request finish, refuses new connections, and exits 0', async () => {
    const cli = runPecan(['serve', config]);
    const port = await servingPort(cli);
    // A keep-alive connection: the drain must close it once its response is sent.
    const agent = new http.Agent({ keepAlive: true });
    const slow = get(port, '/slow?ms=800', { agent });
    await cli.waitFor(/slow request started/);
    cli.child.kill('SIGTERM');
    await cli.waitFor(/SIGTERM: finishing in-flight requests/);
    await expect(get(port, '/')).rejects.toThrow(/ECONNREFUSED/);
    expect(await slow).toEqual({ status: 200, text: 'slow done' });
    // Well before the 5 s keep-alive timeout would have let the connection go.
    expect(await cli.exited(2500)).toBe(0);
    agent.destroy();
  });

  it('cuts what is still running after --shutdown-timeout, and exits 1', async () => {
    const cli = runPecan(['serve', config, '--shutdown-timeout', '0.3']);
    const port = await servingPort(cli);
    const slow = get(port, '/slow?ms=5000');
    await cli.waitFor(/slow request started/);
    cli.child.kill('SIGTERM');
    await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await cli.exited(3000)).toBe(1);
    expect(cli.stderr()).toContain('shutdown timeout (300 ms)');
  });

  it('exits at once on a second SIGINT', async () => {
    const cli = runPecan(['serve', config]);
    const port = await servingPort(cli);
    void get(port, '/slow?ms=5000').catch(() => {});
    await cli.waitFor(/slow request started/);
    cli.child.kill('SIGINT');
    await cli.waitFor(/SIGINT: finishing in-flight requests/);
    cli.child.kill('SIGINT');
    expect(await cli.exited(3000)).toBe(1);
  });

  it('--workers 2 serves from two processes and replaces a crashed one', async () => {
    const cli = runPecan(['serve', config, '--workers', '2']);
    const port = await servingPort(cli);
    expect(cli.stdout()).toContain(`Starting server in PID ${cli.child.pid} with 2 workers`);
    const started = () => [...cli.stdout().matchAll(/worker (\d+) started/g)].map((m) => m[1]!);
    const servingPids = async (count: number) => {
      const pids = new Set<string>();
      for (let i = 0; i < 50 && pids.size < count; i++) pids.add((await get(port, '/pid')).text);
      return pids;
    };
    const first = await servingPids(2);
    expect([...first].sort()).toEqual(started().sort());

    const crashed = (await get(port, '/crash')).text && [...first];
    const died = await cli.waitFor(
      /worker (\d+) died \(exit code 3\): starting a new one/,
      10_000,
      'stderr',
    );
    await cli.waitFor(/(worker \d+ started[\s\S]*){3}/);
    const replacement = started()[2]!;
    expect(crashed).toContain(died[1]);
    // Requests reach the survivor and, once it listens, the replacement.
    let now = new Set<string>();
    for (let i = 0; i < 20 && !now.has(replacement); i++) {
      now = await servingPids(2);
      if (!now.has(replacement)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(now.has(replacement)).toBe(true);
    expect(now.has(died[1]!)).toBe(false);

    cli.child.kill('SIGTERM');
    expect(await cli.exited()).toBe(0);
    await expect(get(port, '/')).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);

  it('--reload restarts the server when a file of the project changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-reload-'));
    const pecan = pathToFileURL(path.join(repoRoot, 'src', 'index.ts')).href;
    const writeRoot = (text: string) =>
      fs.writeFileSync(
        path.join(dir, 'root.ts'),
        `import { expose } from '${pecan}';\nexport class RootController {\n  @expose() index() {\n    return '${text}';\n  }\n}\n`,
      );
    // An ES module project, as the scaffolds make (tsx would compile .ts files as CommonJS).
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeRoot('v1');
    fs.writeFileSync(
      path.join(dir, 'config.ts'),
      `export default { server: { host: '127.0.0.1', port: ${await freePort()} }, app: { root: './root.js#RootController' } };\n`,
    );
    try {
      const cli = runPecan(['serve', 'config.ts', '--reload'], { cwd: dir });
      await cli.waitFor(/Monitoring .* for changes/);
      const port = await servingPort(cli);
      expect((await get(port, '/')).text).toBe('v1');

      writeRoot('v2');
      await cli.waitFor(/root\.ts changed: restarting/);
      await cli.waitFor(/(serving on http:\/\/127\.0\.0\.1:\d+[\s\S]*){2}/);
      expect((await get(port, '/')).text).toBe('v2');

      cli.child.kill('SIGTERM');
      expect(await cli.exited()).toBe(0);
      // The server child is gone with it.
      await expect(get(port, '/')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { killAll, repoRoot, runPecan, servingPort } from './cli-process.js';
import { freePort, get } from './http-get.js';

const config = fileURLToPath(new URL('./fixtures/app/config.ts', import.meta.url));

afterEach(killAll);

/** A GET with headers; resolves to the status and the response headers. */
function request(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: target, headers, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${target} timed out`)));
    req.on('error', reject);
  });
}

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

  it('exits 1 when the app cannot be built, with one process or with workers', async () => {
    const broken = fileURLToPath(new URL('./fixtures/broken/config.ts', import.meta.url));
    const single = runPecan(['serve', broken]);
    expect(await single.exited()).toBe(1);
    expect(single.stderr()).toContain('missing.js');

    const workers = runPecan(['serve', broken, '--workers', '2']);
    expect(await workers.exited(15_000)).toBe(1);
    expect(workers.stderr()).toMatch(
      /worker \d+ exited \(exit code 1\) before it could serve: stopping/,
    );
    expect(workers.stderr()).not.toContain('starting a new one');
  });

  it('fails clearly when the port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const cli = runPecan(['serve', config, '--port', String(port)]);
      expect(await cli.exited()).toBe(1);
      expect(cli.stderr()).toContain(
        `pecan serve: error: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`,
      );
    } finally {
      taken.close();
    }
  });

  it('logs each request as a JSON record with separate fields: info for a 200, warn for a 404', async () => {
    const cli = runPecan(['serve', config]);
    const port = await servingPort(cli);
    const ok = await request(port, '/', { 'X-Request-Id': 'from-the-proxy-42' });
    expect(ok.headers['x-request-id']).toBe('from-the-proxy-42');
    const missing = await request(port, '/missing');
    const generated = missing.headers['x-request-id'];
    expect(generated).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    const line200 = await cli.waitFor(/^\{.*"status":200.*\}$/m);
    expect(JSON.parse(line200[0])).toMatchObject({
      level: 'info',
      name: 'pecan.access',
      method: 'GET',
      path: '/',
      status: 200,
      bytes: 2,
      requestId: 'from-the-proxy-42',
      remoteAddress: '127.0.0.1',
      httpVersion: '1.1',
    });
    expect(typeof JSON.parse(line200[0]).durationMs).toBe('number');
    const line404 = await cli.waitFor(/^\{.*"status":404.*\}$/m, 10_000, 'stderr');
    expect(JSON.parse(line404[0])).toMatchObject({
      level: 'warn',
      path: '/missing',
      status: 404,
      requestId: generated,
    });
  });

  it('replaces an incoming request id that is not a plain token', async () => {
    const cli = runPecan(['serve', config]);
    const port = await servingPort(cli);
    const res = await request(port, '/', { 'X-Request-Id': 'x'.repeat(300) });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('warns when the debug page would be served to other machines', async () => {
    const debugConfig = path.join(path.dirname(config), 'debug-config.ts');
    const cli = runPecan(['serve', debugConfig, '--host', '0.0.0.0']);
    await cli.waitFor(/debug mode is on and the server listens on 0\.0\.0\.0/, 10_000, 'stderr');
    const local = runPecan(['serve', debugConfig, '--host', '127.0.0.1']);
    await servingPort(local);
    expect(local.stderr()).not.toContain('debug mode is on');
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
    expect(await cli.exited(4000)).toBe(0);
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
    // The PIDs that answer, until `count` have (bounded: a worker may still be starting).
    const servingPids = async (count: number) => {
      const pids = new Set<string>();
      for (const end = Date.now() + 10_000; pids.size < count && Date.now() < end;) {
        pids.add((await get(port, '/pid')).text);
        if (pids.size < count) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return pids;
    };
    const first = await servingPids(2);
    expect([...first].sort()).toEqual(started().sort());

    expect((await get(port, '/crash')).text).toBe('crashing');
    const died = await cli.waitFor(
      /worker (\d+) died \(exit code 3\): starting a new one/,
      10_000,
      'stderr',
    );
    expect([...first]).toContain(died[1]);
    await cli.waitFor(/(worker \d+ started[\s\S]*){3}/);
    const replacement = started()[2]!;
    // Requests reach the survivor and, once it listens, the replacement.
    const now = await servingPids(2);
    expect([...now].sort()).toEqual(
      [...first]
        .filter((pid) => pid !== died[1])
        .concat(replacement)
        .sort(),
    );

    cli.child.kill('SIGTERM');
    expect(await cli.exited()).toBe(0);
    await expect(get(port, '/')).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);

  /** A small ES module project in a temporary folder, served on `port`. */
  function reloadProject(port: number) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-reload-'));
    const pecan = pathToFileURL(path.join(repoRoot, 'src', 'index.ts')).href;
    // An ES module project, as the scaffolds make (tsx would compile .ts files as CommonJS).
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    fs.writeFileSync(
      path.join(dir, 'config.ts'),
      `export default { server: { host: '127.0.0.1', port: ${port} }, app: { root: './root.js#RootController' } };\n`,
    );
    const writeRoot = (text: string) =>
      fs.writeFileSync(
        path.join(dir, 'root.ts'),
        `import { expose } from '${pecan}';\nexport class RootController {\n  @expose() index() {\n    return '${text}';\n  }\n}\n`,
      );
    writeRoot('v1');
    return { dir, writeRoot, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }

  it('--reload restarts the server when a file of the project changes', async () => {
    const project = reloadProject(await freePort());
    try {
      const cli = runPecan(['serve', 'config.ts', '--reload'], { cwd: project.dir });
      await cli.waitFor(/Monitoring .* for changes/);
      const port = await servingPort(cli);
      expect((await get(port, '/')).text).toBe('v1');

      project.writeRoot('v2');
      await cli.waitFor(/root\.ts changed: restarting/);
      await cli.waitFor(/(serving on http:\/\/127\.0\.0\.1:\d+[\s\S]*){2}/);
      expect((await get(port, '/')).text).toBe('v2');

      cli.child.kill('SIGTERM');
      expect(await cli.exited()).toBe(0);
      // The server child is gone with it.
      await expect(get(port, '/')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      project.remove();
    }
  }, 30_000);

  it('--reload: the server stops when the reloader is killed outright', async () => {
    const project = reloadProject(await freePort());
    try {
      const cli = runPecan(['serve', 'config.ts', '--reload'], { cwd: project.dir });
      const port = await servingPort(cli);
      cli.child.kill('SIGKILL');
      let refused = false;
      for (const end = Date.now() + 10_000; !refused && Date.now() < end;) {
        refused = await get(port, '/').then(
          () => false,
          (error: Error) => error.message.includes('ECONNREFUSED'),
        );
        if (!refused) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(refused).toBe(true);
    } finally {
      project.remove();
    }
  }, 30_000);
});

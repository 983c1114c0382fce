/**
 * Start-up to first response: spawn `node` on a compiled app with a known port, then poll
 * `GET /` until the first 200. Raw node:http is measured the same way, as the floor.
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { BUILD_DIR, pinning, spawnNode } from './proc.js';

export interface StartupResult {
  framework: string;
  /** Milliseconds from spawn to the first 200, one per run, sorted. */
  runs: number[];
}

export async function measureStartup(framework: string, times: number): Promise<StartupResult> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) runs.push(await startOnce(framework));
  return { framework, runs: runs.sort((a, b) => a - b) };
}

async function startOnce(framework: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnNode(pinning.server, path.join(BUILD_DIR, 'servers', `${framework}.js`), {
    env: { PORT: String(port) },
  });
  child.stdout!.resume();
  child.stderr!.resume();
  try {
    const deadline = started + 10_000;
    while (performance.now() < deadline) {
      if ((await status(port)) === 200) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${framework} exited before answering`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`${framework} did not answer within 10 s`);
  } finally {
    child.kill('SIGKILL');
  }
}

function status(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('error', () => resolve(null));
    req.setTimeout(1000, () => req.destroy());
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

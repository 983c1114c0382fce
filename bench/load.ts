/**
 * Runs one autocannon load in the pinned load-generator process (with one worker thread per
 * core it was given) and reads its summary.
 */
import path from 'node:path';
import type { BenchEndpoint } from './endpoints.js';
import type { LoadSpec, LoadSummary } from './load-worker.js';
import { BUILD_DIR, pinning, spawnNode } from './proc.js';

export interface LoadSettings {
  connections: number;
  pipelining: number;
}

/** What the load generator sends: a bench endpoint, or any request (bench/deployer.ts). */
export type LoadRequest = Pick<BenchEndpoint, 'method' | 'path' | 'body' | 'headers'>;

export function runLoad(
  port: number,
  endpoints: readonly LoadRequest[],
  seconds: number,
  settings: LoadSettings,
  uniqueBodies = false,
): Promise<LoadSummary> {
  const spec: LoadSpec = {
    url: `http://127.0.0.1:${port}`,
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: seconds,
    workers: pinning.loadWorkers,
    uniqueBodies,
    requests: endpoints.map(({ method, path, body, headers }) => ({ method, path, body, headers })),
  };
  const child = spawnNode(pinning.load, path.join(BUILD_DIR, 'load-worker.js'), {
    args: [JSON.stringify(spec)],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`load generator failed (code ${code})\n${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line) as LoadSummary);
    });
  });
}

/**
 * The load generator process: runs autocannon with the JSON options given as its argument and
 * prints a one-line JSON summary. Started by load.ts on its own core.
 */
import autocannon from 'autocannon';
import { fileURLToPath } from 'node:url';
import uniqueBody from './unique-body.js';

const UNIQUE_BODY = fileURLToPath(new URL('./unique-body.js', import.meta.url));

export interface LoadSpec {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  /** autocannon worker threads; connections are divided among them. 1: none, the main thread. */
  workers: number;
  /** Replace `[<id>]` in request bodies with an id unique to each request (unique-body.ts). */
  uniqueBodies?: boolean;
  /** The request sequence each connection repeats. */
  requests: {
    method: 'GET' | 'POST';
    path: string;
    body?: string;
    headers?: Record<string, string>;
  }[];
}

export interface LoadSummary {
  /** Mean requests per second. */
  rps: number;
  /** 99th percentile latency, ms. */
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  /** Responses by status code (autocannon's statusCodeStats), e.g. { "202": 900, "503": 40 }. */
  statusCodes: Record<string, number>;
  /** Cores the load generator kept busy while loading (its threads together). */
  cpu: number;
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  pipelining: spec.pipelining,
  duration: spec.duration,
  // Worker threads load the hook by path; the main thread takes the function.
  requests:
    spec.uniqueBodies === true
      ? spec.requests.map((r) => ({
          ...r,
          setupRequest: spec.workers > 1 ? UNIQUE_BODY : uniqueBody,
        }))
      : spec.requests,
  ...(spec.workers > 1 && { workers: spec.workers }),
});
const summary: LoadSummary = {
  rps: result.requests.average,
  p99: result.latency.p99,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  statusCodes: Object.fromEntries(
    Object.entries(
      (result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
    ).map(([code, stats]) => [code, stats.count]),
  ),
  cpu: cpuShare(process.cpuUsage(cpuBefore), performance.now() - started),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);

function cpuShare(used: NodeJS.CpuUsage, wallMs: number): number {
  return (used.user + used.system) / 1000 / wallMs;
}

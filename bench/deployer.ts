/**
 * `npm run bench:deployer`: the reference system's deployer API under load — `GET
 * /v1/deployments` (the first page of the list, newest first) and `POST /v1/deployments` (a new
 * deployment per request, written to SQLite with its first event and its notification in one
 * transaction) — in the bench's load modes, req/s and p99.
 *
 * The deployer runs as `npm start` runs it (`pecan serve examples/deployer/config.ts`, through
 * tsx), in production mode, on a SQLite file of its own, pinned as the bench servers are; its
 * reconciler and outbox work in the background as they do in service (every accepted deployment
 * goes through the simulated cloud's lifecycle, and its notifications are posted). The notifier
 * is stood in for by a sink in this process that accepts every notification.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { format } from 'prettier';
import { median } from './format.js';
import { runLoad, type LoadRequest } from './load.js';
import type { LoadSummary } from './load-worker.js';
import { readOptions, USAGE } from './options.js';
import { BUILD_DIR, configurePinning, pinning, watchUsage } from './proc.js';
import { modeLabel } from './report.js';

const options = readOptions(process.argv.slice(2));
if (options === null) {
  console.log(`${USAGE}\n(bench:deployer reads the rounds, durations, modes and pinning)`);
  process.exit(0);
}
configurePinning(options.pin, options.loadCores);
const ROOT = path.resolve(BUILD_DIR, '..', '..');
const SEED = 200;

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
const LIST: LoadRequest = { method: 'GET', path: '/v1/deployments', headers: JSON_HEADERS };
/** `[<id>]` becomes a unique id per request (unique-body.ts): live deployments' names differ. */
const CREATE: LoadRequest = {
  method: 'POST',
  path: '/v1/deployments',
  headers: JSON_HEADERS,
  body: JSON.stringify({ name: 'bench-[<id>]', app: 'static-site', size: 'small', count: 1 }),
};

/** The notifier's POST /v1/notifications, accepting everything. */
async function notificationSink(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * The deployer's output (an access-log line per request) goes to a file, as a service's log
 * does, not to a pipe read by this process: Node writes to a pipe synchronously on Linux, so
 * a reader that falls behind (this process shares the CPU) would stall the server on its log.
 */
async function startDeployer(port: number, env: Record<string, string>, logFile: string) {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'serve', 'examples/deployer/config.ts'];
  const command = [...pinning.server, process.execPath, ...args, '--port', String(port)];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const output = () => fs.readFileSync(logFile, 'utf8');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  while (!/serving on/.test(output())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the deployer did not start:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { pid: child.pid!, stop, output };
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Both requests answer as the API documents before anything is measured. */
async function verify(url: string): Promise<void> {
  const created = await fetch(`${url}/v1/deployments`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: CREATE.body!.replace('[<id>]', `check-${Date.now()}`),
  });
  if (created.status !== 202) throw new Error(`POST answered ${created.status}`);
  const list = await fetch(`${url}/v1/deployments`, { headers: JSON_HEADERS });
  const body = (await list.json()) as { deployments?: unknown[] };
  if (list.status !== 200 || !Array.isArray(body.deployments) || body.deployments.length === 0)
    throw new Error(`GET answered ${list.status} without deployments`);
}

interface Row {
  request: string;
  mode: string;
  rps: number[];
  /** Answers with a 2xx per second (for POST: deployments accepted). */
  okRps: number[];
  p99: number[];
  cpu: number[];
  /** 503 Service Unavailable answers (admission control), all rounds. */
  unavailable: number;
  /** Other non-2xx answers and socket errors, all rounds. */
  failures: number;
}

/** How many deployments there are, and how many have finished their lifecycle. */
interface Lifecycles {
  total: number;
  inProgress: number;
}

/** Read from the deployer's SQLite file (WAL: a reader does not disturb its writer). */
function lifecycles(file: string): Lifecycles {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        "select count(*) as total, sum(status like '%IN_PROGRESS') as inProgress from deployments",
      )
      .get() as { total: number; inProgress: number | null };
    return { total: row.total, inProgress: row.inProgress ?? 0 };
  } finally {
    db.close();
  }
}

/** After the load: how long the backlog takes to finish, up to a bound. */
const DRAIN_LIMIT_MS = 120_000;

const sink = await notificationSink();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-bench-deployer-'));
const port = await freePort();
const database = path.join(dir, 'deployer.sqlite');
const deployer = await startDeployer(
  port,
  {
    NODE_ENV: 'production',
    DEPLOYER_DATABASE: database,
    NOTIFIER_URL: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
  },
  path.join(dir, 'deployer.log'),
);
const url = `http://127.0.0.1:${port}`;
const rows: Row[] = [];
const snapshots: string[] = [];
let drain = '';
try {
  await verify(url);
  // A list worth reading: a full first page, and more behind it.
  for (let i = 0; i < SEED; i++) {
    const body = CREATE.body!.replace('[<id>]', `seed-${i}`);
    await fetch(`${url}/v1/deployments`, { method: 'POST', headers: JSON_HEADERS, body });
  }
  for (let round = 1; round <= options.rounds; round++) {
    for (const [name, request, ids] of [
      ['GET /v1/deployments', LIST, false],
      ['POST /v1/deployments', CREATE, true],
    ] as const) {
      for (const mode of options.modes) {
        if (options.warmup > 0) await runLoad(port, [request], options.warmup, mode, ids);
        const [load, usage]: [LoadSummary, { cpu: number | null }] = await watchUsage(
          deployer.pid,
          runLoad(port, [request], options.duration, mode, ids),
        );
        let row = rows.find((r) => r.request === name && r.mode === mode.name);
        if (row === undefined) {
          row = {
            request: name,
            mode: mode.name,
            rps: [],
            okRps: [],
            p99: [],
            cpu: [],
            unavailable: 0,
            failures: 0,
          };
          rows.push(row);
        }
        const unavailable = load.statusCodes['503'] ?? 0;
        const ok = Object.entries(load.statusCodes)
          .filter(([code]) => code.startsWith('2'))
          .reduce((sum, [, count]) => sum + count, 0);
        row.rps.push(load.rps);
        row.okRps.push(ok / options.duration);
        row.p99.push(load.p99);
        if (usage.cpu !== null) row.cpu.push(usage.cpu);
        row.unavailable += unavailable;
        row.failures += load.non2xx - unavailable + load.errors;
        const state = lifecycles(database);
        const finished = state.total - state.inProgress;
        if (ids)
          snapshots.push(
            `| ${round} | ${mode.name} | ${state.total.toLocaleString('en-US')} | ${finished.toLocaleString('en-US')} | ${state.inProgress.toLocaleString('en-US')} |`,
          );
        console.log(
          `round ${round}  ${name.padEnd(22)} ${mode.name.padEnd(11)} ${Math.round(load.rps)} req/s (2xx ${Math.round(ok / options.duration)}/s)  p99 ${load.p99} ms  server cpu ${usage.cpu?.toFixed(2) ?? '?'}  503s ${unavailable}  other failures ${load.non2xx - unavailable + load.errors}  deployments ${state.total}, finished ${finished}`,
        );
      }
    }
  }
  // The backlog left by the load: does every accepted deployment finish, and how soon?
  const drainStart = Date.now();
  let state = lifecycles(database);
  while (state.inProgress > 0 && Date.now() - drainStart < DRAIN_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    state = lifecycles(database);
  }
  const seconds = ((Date.now() - drainStart) / 1000).toFixed(0);
  drain =
    state.inProgress === 0
      ? `After the load, the ${state.total.toLocaleString('en-US')} deployments had all finished their lifecycle within ${seconds} s.`
      : `After the load, ${state.inProgress.toLocaleString('en-US')} of ${state.total.toLocaleString('en-US')} deployments were still in progress ${seconds} s later (the limit of the wait).`;
  console.log(drain);
} finally {
  await deployer.stop();
  sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const date = new Date().toISOString().slice(0, 10);
const report = await format(
  [
    `# Deployer API benchmark ${date}`,
    '',
    'Produced by `npm run bench:deployer`; see [docs/performance.md](../../docs/performance.md).',
    '',
    `- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}; load average at start ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')}`,
    `- Pinning: ${pinning.description}`,
    `- Load: autocannon, ${options.modes.map(modeLabel).join(' and ')}; ${options.warmup} s warm-up then ${options.duration} s measured per request and mode, ${options.rounds} round(s) on one deployer process`,
    `- The deployer: \`pecan serve examples/deployer/config.ts\` (through tsx), NODE_ENV=production, SQLite (WAL) on a fresh file seeded with ${SEED} deployments; its reconciler and outbox run as in service; notifications go to a sink that accepts them all`,
    '',
    'req/s counts every answer, 2xx/s the successful ones (for POST, the deployments accepted); 503s are the answers of admission control, all rounds together.',
    '',
    '| Request | mode | req/s (median) | 2xx/s (median) | p99 ms (median) | server CPU | 503s | other non-2xx + errors |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.request} | ${r.mode} | ${Math.round(median(r.rps)).toLocaleString('en-US')} | ${Math.round(median(r.okRps)).toLocaleString('en-US')} | ${median(r.p99)} | ${r.cpu.length ? median(r.cpu).toFixed(2) : 'n/a'} | ${r.unavailable} | ${r.failures} |`,
    ),
    '',
    'Deployments in the database after each POST measurement (the seed included), and how many had finished their lifecycle (complete or failed) by then:',
    '',
    '| round | mode | deployments | finished | in progress |',
    '|--:|---|--:|--:|--:|',
    ...snapshots,
    '',
    drain,
    '',
  ].join('\n'),
  { parser: 'markdown', proseWrap: 'preserve' },
);
const file = path.join(
  BUILD_DIR,
  '..',
  'results',
  `${date}-deployer${options.quick ? '-quick.tmp' : '.md'}`,
);
fs.writeFileSync(file, report);
console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), file)}`);

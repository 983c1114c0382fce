/**
 * pecan's and Fastify's own CPU cost per request, without sockets: `npm run bench:in-process`.
 *
 * The Node listener of each bench app is called with stand-in `req`/`res` objects, through a
 * server's `emit('request')` as Node calls it, and so is a floor handler that does what the raw
 * node:http server does for each endpoint (its JSON work included). The difference is what the
 * framework itself costs. Far steadier than req/s on a shared machine, so it is the number to
 * compare before and after a change to the hot path, and the cleanest comparison with Fastify;
 * what it cannot see is the cost Node's own resources pay (async hooks, for one), which only the
 * socket bench shows. `--profile` shows where each framework's time goes (`profileAll`).
 *
 * Each framework runs in a child process of its own, with its own floor: code both would share
 * (the stand-ins, Node's streams) would otherwise see both frameworks' shapes and slow down for
 * whichever ran second.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import {
  DEEP_PATH,
  DEEP_TEXT,
  ENDPOINTS,
  JSON_TYPE,
  PLAIN_PATH,
  PLAIN_TEXT,
  TEXT,
  TEXT_TYPE,
  checkOrder,
  created,
  hello,
  user,
  type BenchEndpoint,
} from './endpoints.js';
import { standInResponse } from './stand-in-response.js';
import { byArea, type CpuProfile } from './profile.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const REQUESTS = Number(process.env.REQUESTS ?? 200_000);
const WARMUP = 20_000;
const ROUNDS = 3;

/** The floor: each endpoint's answer, made the way the raw node:http server makes it. */
const floor: Listener = (req, res) => {
  const send = (type: string, body: string, status = 200): void => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const path = req.url!;
  if (path === '/json') return send(JSON_TYPE, JSON.stringify(hello()));
  if (path.startsWith('/users/')) return send(JSON_TYPE, JSON.stringify(user(path.slice(7))));
  if (path === '/') return send(TEXT_TYPE, TEXT);
  if (path === DEEP_PATH) return send(TEXT_TYPE, DEEP_TEXT);
  if (path === PLAIN_PATH) return send(TEXT_TYPE, PLAIN_TEXT);
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { name: string; email: string };
    if (path === '/users') send(JSON_TYPE, JSON.stringify(created(body.name, body.email)), 201);
    else if (path.startsWith('/orders?')) {
      send(JSON_TYPE, JSON.stringify(checkOrder(new URLSearchParams(path.slice(8)), body)));
    } else send(JSON_TYPE, JSON.stringify(body));
  });
};

const socket = { encrypted: false };

/** What every stand-in for an endpoint shares, made once (a real parser makes these anew, but
 * their cost is Node's, not pecan's). */
function requestParts(ep: BenchEndpoint): { headers: Record<string, string>; raw: string[] } {
  const headers: Record<string, string> = { host: '127.0.0.1:3000', connection: 'keep-alive' };
  if (ep.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(ep.body));
  }
  return { headers, raw: Object.entries(headers).flat() };
}

const parts = new Map(ENDPOINTS.map((ep) => [ep, requestParts(ep)]));

function standInRequest(ep: BenchEndpoint): IncomingMessage {
  const { headers, raw } = parts.get(ep)!;
  if (ep.body === undefined) {
    // One object shape for every stand-in, as Node's IncomingMessage has.
    return {
      url: ep.path,
      method: ep.method,
      headers,
      rawHeaders: raw,
      socket,
      httpVersionMajor: 1,
      readableEnded: false,
    } as unknown as IncomingMessage;
  }
  const req = Object.assign(new PassThrough(), {
    url: ep.path,
    method: ep.method,
    headers,
    rawHeaders: raw,
    socket,
    httpVersionMajor: 1,
  });
  req.end(ep.body);
  return req as unknown as IncomingMessage;
}

/**
 * Runs `count` requests one after the other; synchronous answers need no promise. Each request
 * reaches the listener as it does in a server, through the server's `emit('request')`: a call
 * site shared by every listener of the process, so V8 cannot inline the listener into this loop.
 * Called directly, it could, and a framework would then be measured folded into a loop that
 * sends one constant request, which no server does.
 */
async function drive(server: Server, ep: BenchEndpoint, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    let finished = false;
    let wake: (() => void) | null = null;
    server.emit(
      'request',
      standInRequest(ep),
      standInResponse(() => {
        finished = true;
        wake?.();
      }),
    );
    if (!finished) await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function check(server: Server, ep: BenchEndpoint): Promise<void> {
  const [status, body] = await new Promise<[number, string]>((resolve) =>
    server.emit(
      'request',
      standInRequest(ep),
      standInResponse((s, b) => resolve([s, b])),
    ),
  );
  if (status !== ep.expect.status || body !== ep.expect.body)
    throw new Error(`${ep.name}: answered ${status} ${body.slice(0, 80)}`);
}

/** CPU nanoseconds per request: the best of a few rounds (the least disturbed). */
async function measure(server: Server, ep: BenchEndpoint): Promise<number> {
  await check(server, ep);
  await drive(server, ep, WARMUP);
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    await drive(server, ep, REQUESTS);
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1000) / REQUESTS);
  }
  return best;
}

/**
 * A server (never listening) with a framework's bench app as its request listener, loaded only
 * in the child that measures it.
 */
async function serverOf(framework: string): Promise<Server> {
  if (framework === 'pecan') {
    const { app } = await import('./servers/pecan-app.js');
    return createServer(app);
  }
  if (framework === 'fastify') {
    const { app } = await import('./servers/fastify-app.js');
    await app.ready();
    return app.server;
  }
  throw new Error(`no in-process listener for ${framework}`);
}

const FRAMEWORKS = ['pecan', 'fastify'] as const;
/** `--profile` also profiles the floor handler, as `raw`: the work without a framework. */
const PROFILED = ['raw', ...FRAMEWORKS] as const;

/**
 * In a child run under `--cpu-prof` (`--profile`): one endpoint, the framework alone, and the
 * window of the measured requests on the profiler's clock (µs, the same monotonic clock).
 */
async function profiledChild(framework: string, ep: BenchEndpoint): Promise<void> {
  const server = framework === 'raw' ? createServer(floor) : await serverOf(framework);
  await check(server, ep);
  await drive(server, ep, WARMUP);
  const start = process.hrtime.bigint() / 1000n;
  await drive(server, ep, REQUESTS);
  const end = process.hrtime.bigint() / 1000n;
  process.stdout.write(JSON.stringify({ start: Number(start), end: Number(end) }));
}

/** In a child: measures the floor and one framework, and prints `[floor, framework]` per path. */
async function child(framework: string, chosen: BenchEndpoint[]): Promise<void> {
  const server = await serverOf(framework);
  const floorServer = createServer(floor);
  const out: Record<string, [number, number]> = {};
  for (const ep of chosen)
    out[ep.path] = [await measure(floorServer, ep), await measure(server, ep)];
  process.stdout.write(JSON.stringify(out));
}

// `npm run bench:in-process -- echo plain`: only the endpoints whose path contains one of these.
const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith('--'));
const chosen = ENDPOINTS.filter((ep) => only.length === 0 || only.some((p) => ep.path.includes(p)));
const option = (name: string): string | undefined =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const childOf = option('child');
// `--runs=N`: N children per framework, alternating, and the median of each cell. The machine's
// speed can drift within seconds on a shared host; alternating runs see the same drift.
const RUNS = Math.max(1, Number(option('runs') ?? 1));

type ChildResult = Record<string, [number, number]>;

/**
 * `--profile`: each framework on each chosen endpoint in a child under `node --cpu-prof`, and
 * the CPU time of the measured requests by where it was spent (bench/profile.ts `byArea`), in
 * ns per request. Slower than the plain run (the profiler samples every 50 µs).
 */
function profileAll(endpoints: BenchEndpoint[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-in-process-profile-'));
  const lines: string[] = [];
  for (const ep of endpoints) {
    const byFramework = new Map<string, Map<string, number>>();
    for (const framework of PROFILED) {
      const out = path.join(dir, `${framework}-${ENDPOINTS.indexOf(ep)}`);
      const text = execFileSync(
        process.execPath,
        [
          '--cpu-prof',
          `--cpu-prof-dir=${out}`,
          '--cpu-prof-interval=50',
          fileURLToPath(import.meta.url),
          `--child=${framework}`,
          `--profiled=${ENDPOINTS.indexOf(ep)}`,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const window = JSON.parse(text) as { start: number; end: number };
      const file = fs.readdirSync(out).find((name) => name.endsWith('.cpuprofile'))!;
      const profile = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as CpuProfile;
      const areas = byArea(profile, window.start, window.end, process.cwd());
      byFramework.set(
        framework,
        new Map([...areas].map(([area, ms]) => [area, (ms * 1e6) / REQUESTS])),
      );
    }
    lines.push(...areaTable(ep.name, byFramework), '');
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return lines.join('\n');
}

/** One table per endpoint: the areas worth a row (≥ 2 % of either framework's time). */
function areaTable(name: string, byFramework: Map<string, Map<string, number>>): string[] {
  const totals = new Map([...byFramework].map(([fw, areas]) => [fw, sum([...areas.values()])]));
  const rows = new Map<string, Map<string, number>>();
  const other = new Map<string, number>();
  for (const [fw, areas] of byFramework) {
    for (const [area, ns] of areas) {
      if (ns < 0.02 * totals.get(fw)!) {
        other.set(fw, (other.get(fw) ?? 0) + ns);
        continue;
      }
      let row = rows.get(area);
      if (row === undefined) rows.set(area, (row = new Map()));
      row.set(fw, ns);
    }
  }
  const cell = (ns: number | undefined): string => (ns === undefined ? '' : ns.toFixed(0));
  const sorted = [...rows].sort(([, a], [, b]) => sum([...b.values()]) - sum([...a.values()]));
  return [
    `${name}: CPU ns per request by where it was spent (under the profiler; code V8 inlined`,
    'counts for the function it was inlined into)',
    '',
    `| where | ${PROFILED.join(' | ')} |`,
    `|---|${PROFILED.map(() => '--:').join('|')}|`,
    ...sorted.map(
      ([area, by]) => `| ${area} | ${PROFILED.map((fw) => cell(by.get(fw))).join(' | ')} |`,
    ),
    `| (the rest, under 2 % each) | ${PROFILED.map((fw) => cell(other.get(fw))).join(' | ')} |`,
    `| **total** | ${PROFILED.map((fw) => cell(totals.get(fw))).join(' | ')} |`,
  ];
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function runChild(framework: string): ChildResult {
  const text = execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), `--child=${framework}`, ...only],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(text) as ChildResult;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const profiled = option('profiled');
if (childOf !== undefined && profiled !== undefined) {
  await profiledChild(childOf, ENDPOINTS[Number(profiled)]!);
} else if (childOf !== undefined) {
  await child(childOf, chosen);
} else if (args.includes('--profile')) {
  process.stdout.write(profileAll(chosen));
} else {
  const runs: Record<string, ChildResult[]> = { pecan: [], fastify: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const framework of FRAMEWORKS) runs[framework]!.push(runChild(framework));
  }
  /** [floor, total, itself] of one endpoint: medians over the runs. */
  const cell = (framework: string, path: string): [number, number, number] => {
    const each = runs[framework]!.map((result) => result[path]!);
    return [
      median(each.map(([floor]) => floor)),
      median(each.map(([, total]) => total)),
      median(each.map(([floor, total]) => total - floor)),
    ];
  };
  const ns = (value: number): string => value.toFixed(0);
  const rows = chosen.map((ep) => {
    const [floorP, pecan, ownP] = cell('pecan', ep.path);
    const [, fastify, ownF] = cell('fastify', ep.path);
    return `| ${ep.name} | ${ns(floorP)} | ${ns(pecan)} | ${ns(ownP)} | ${ns(fastify)} | ${ns(ownF)} | ${(ownP / ownF).toFixed(2)} |`;
  });
  const over = RUNS > 1 ? `, medians of ${RUNS} alternating runs` : '';
  process.stdout.write(
    [
      `CPU ns per request, best of ${ROUNDS} rounds of ${REQUESTS}${over} (stand-in req/res, no`,
      'sockets; each framework in a process of its own, "floor" is the raw handler beside pecan)',
      '',
      '| Endpoint | floor | pecan | pecan itself | Fastify | Fastify itself | pecan / Fastify (itself) |',
      '|---|--:|--:|--:|--:|--:|--:|',
      ...rows,
      '',
    ].join('\n'),
  );
}

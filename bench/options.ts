/** Command-line options of `npm run bench -- [options]`. */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ENDPOINTS, type BenchEndpoint } from './endpoints.js';

/** How the load generator drives the server: its connections, and requests in flight on each. */
export interface LoadMode {
  /** `pipelined` or `unpipelined`: the report's column groups. */
  name: string;
  connections: number;
  pipelining: number;
}

export interface BenchOptions {
  rounds: number;
  /** Seconds of measured load per endpoint, mode and round. */
  duration: number;
  /** Seconds of unmeasured load before each measurement (JIT warm-up). */
  warmup: number;
  /** The load modes, measured one after the other on the same server, endpoint by endpoint. */
  modes: LoadMode[];
  frameworks: string[];
  endpoints: readonly BenchEndpoint[];
  /** Cores (and autocannon worker threads) the load generator gets when it is pinned. */
  loadCores: number;
  /** Pin the server and the load generator to cores of their own (taskset), if possible. */
  pin: boolean;
  quick: boolean;
  /** Written to bench/results/<date>-<name>.md instead of <date>.md (a run of a subset). */
  name: string | null;
  /** Run the 60 s RSS-growth test of pecan. */
  memory: boolean;
  memoryDuration: number;
  /** CPU-profile pecan under load and list its top self-time functions. */
  profile: boolean;
}

export const FRAMEWORKS = ['raw', 'fastify', 'express', 'pecan'] as const;
/**
 * Run only when named: the pecan bench app with Fastify's Ajv-compiled JSON schemas for the
 * validated endpoint (bench/servers/pecan-ajv.ts), to tell the validator's cost from pecan's.
 */
const OPTIONAL_FRAMEWORKS = ['pecan-ajv'] as const;
const KNOWN: readonly string[] = [...FRAMEWORKS, ...OPTIONAL_FRAMEWORKS];
const MODES = ['pipelined', 'unpipelined'] as const;

/** One core for the server, the rest (up to 8) for the load generator. */
const DEFAULT_LOAD_CORES = Math.max(1, Math.min(8, os.availableParallelism() - 1));

export const USAGE = `npm run bench -- [options]
  --rounds N          rounds of the whole matrix (default 3; --quick: 1)
  --duration S        measured seconds per endpoint, mode and round (default 8; --quick: 2)
  --warmup S          unmeasured warm-up seconds before each measurement (default 2; --quick: 0.5)
  --modes LIST        load modes, comma-separated (default both): pipelined, unpipelined
  --connections N     connections of the pipelined mode (default 100)
  --pipelining N      requests in flight per connection, pipelined mode (default 10)
  --unpipelined-connections N
                      connections of the unpipelined mode, one request at a time (default 50)
  --load-cores N      cores for the load generator, one autocannon worker each (default: all
                      but the server's, at most 8; here ${DEFAULT_LOAD_CORES})
  --no-pin            do not pin the server and the load generator to cores (taskset)
  --frameworks LIST   comma-separated subset of ${FRAMEWORKS.join(',')} (raw is always kept);
                      also ${OPTIONAL_FRAMEWORKS.join(',')}, run only when named
  --endpoints LIST    comma-separated parts of endpoint paths to run (e.g. echo,plain)
  --quick             a short smoke run (written to bench/results/<date>-quick.tmp)
  --name NAME         write bench/results/<date>-NAME.md (a subset run beside the day's full one)
  --memory            also run pecan's RSS-growth test (60 s of load; --memory-duration S)
  --profile           also CPU-profile pecan under load and list its top self-time functions
  --help`;

export function readOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      modes: { type: 'string' },
      connections: { type: 'string' },
      pipelining: { type: 'string' },
      'unpipelined-connections': { type: 'string' },
      'load-cores': { type: 'string' },
      'no-pin': { type: 'boolean', default: false },
      frameworks: { type: 'string' },
      endpoints: { type: 'string' },
      quick: { type: 'boolean', default: false },
      name: { type: 'string' },
      memory: { type: 'boolean', default: false },
      'memory-duration': { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const quick = values.quick;
  const frameworks = list(values.frameworks) ?? [...FRAMEWORKS];
  for (const name of frameworks) {
    if (!KNOWN.includes(name)) throw new Error(`unknown framework ${name}`);
  }
  // Ratios are to raw node:http, so it always runs.
  const chosen = KNOWN.filter((name) => name === 'raw' || frameworks.includes(name));
  const modeNames = list(values.modes) ?? [...MODES];
  for (const name of modeNames) {
    if (!(MODES as readonly string[]).includes(name)) throw new Error(`unknown mode ${name}`);
  }
  const all: Record<string, LoadMode> = {
    pipelined: {
      name: 'pipelined',
      connections: positive('connections', values.connections, 100),
      pipelining: positive('pipelining', values.pipelining, 10),
    },
    unpipelined: {
      name: 'unpipelined',
      connections: positive('unpipelined-connections', values['unpipelined-connections'], 50),
      pipelining: 1,
    },
  };
  const parts = list(values.endpoints);
  const endpoints =
    parts === null ? ENDPOINTS : ENDPOINTS.filter((e) => parts.some((p) => e.path.includes(p)));
  if (endpoints.length === 0) throw new Error(`no endpoint path contains ${values.endpoints}`);
  return {
    rounds: positive('rounds', values.rounds, quick ? 1 : 3),
    duration: positive('duration', values.duration, quick ? 2 : 8),
    warmup: positive('warmup', values.warmup, quick ? 0.5 : 2, true),
    modes: MODES.filter((name) => modeNames.includes(name)).map((name) => all[name]!),
    frameworks: chosen,
    endpoints,
    loadCores: positive('load-cores', values['load-cores'], DEFAULT_LOAD_CORES),
    pin: !values['no-pin'],
    quick,
    name: reportName(values.name),
    memory: values.memory,
    memoryDuration: positive('memory-duration', values['memory-duration'], 60),
    profile: values.profile,
  };
}

function list(text: string | undefined): string[] | null {
  return text === undefined ? null : text.split(',').map((s) => s.trim());
}

function positive(
  name: string,
  text: string | undefined,
  fallback: number,
  zeroOk = false,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroOk)) {
    throw new Error(`--${name} needs a positive number, got ${text}`);
  }
  return value;
}

/** A report name that stays one file name inside bench/results/. */
function reportName(name: string | undefined): string | null {
  if (name === undefined) return null;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new Error(`--name: letters, digits and -, not ${name}`);
  return name;
}

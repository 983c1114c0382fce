/** Command-line options of `npm run bench -- [options]`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  rounds: number;
  /** Seconds of measured load per endpoint and round. */
  duration: number;
  /** Seconds of unmeasured load before each measurement (JIT warm-up). */
  warmup: number;
  connections: number;
  pipelining: number;
  frameworks: string[];
  quick: boolean;
  /** Run the 60 s RSS-growth test of pecan. */
  memory: boolean;
  memoryDuration: number;
  /** CPU-profile pecan under load and list its top self-time functions. */
  profile: boolean;
}

export const FRAMEWORKS = ['raw', 'fastify', 'express', 'pecan'] as const;

export const USAGE = `npm run bench -- [options]
  --rounds N          rounds of the whole matrix (default 3; --quick: 1)
  --duration S        measured seconds per endpoint and round (default 8; --quick: 2)
  --warmup S          unmeasured warm-up seconds before each measurement (default 2; --quick: 0.5)
  --connections N     autocannon connections (default 100)
  --pipelining N      autocannon pipelining factor (default 10)
  --frameworks LIST   comma-separated subset of ${FRAMEWORKS.join(',')} (raw is always kept)
  --quick             a short smoke run (written to bench/results/<date>-quick.tmp)
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
      connections: { type: 'string' },
      pipelining: { type: 'string' },
      frameworks: { type: 'string' },
      quick: { type: 'boolean', default: false },
      memory: { type: 'boolean', default: false },
      'memory-duration': { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const quick = values.quick;
  const frameworks = (values.frameworks ?? FRAMEWORKS.join(',')).split(',').map((s) => s.trim());
  for (const name of frameworks) {
    if (!(FRAMEWORKS as readonly string[]).includes(name))
      throw new Error(`unknown framework ${name}`);
  }
  // Ratios are to raw node:http, so it always runs.
  const chosen = FRAMEWORKS.filter((name) => name === 'raw' || frameworks.includes(name));
  return {
    rounds: positive('rounds', values.rounds, quick ? 1 : 3),
    duration: positive('duration', values.duration, quick ? 2 : 8),
    warmup: positive('warmup', values.warmup, quick ? 0.5 : 2, true),
    connections: positive('connections', values.connections, 100),
    pipelining: positive('pipelining', values.pipelining, 10),
    frameworks: chosen,
    quick,
    memory: values.memory,
    memoryDuration: positive('memory-duration', values['memory-duration'], 60),
    profile: values.profile,
  };
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

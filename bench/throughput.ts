/**
 * The main measurement: every round starts each server fresh (in a rotating order, so no
 * framework always goes first), checks its answers, then loads each endpoint in turn, in each
 * load mode (pipelined, then not): a warm-up, then the measured run with the server's RSS and
 * CPU watched. The modes alternate endpoint by endpoint on the same server, so the two tables
 * of the report come from the same servers at the same moments.
 */
import { runLoad } from './load.js';
import type { BenchOptions } from './options.js';
import { startServer, watchUsage } from './proc.js';
import { verifyServer } from './verify.js';

export interface Sample {
  framework: string;
  endpoint: string;
  /** The load mode's name (options.ts `LoadMode`). */
  mode: string;
  round: number;
  rps: number;
  p99: number;
  peakRss: number | null;
  cpu: number | null;
  /** Cores the load generator kept busy. */
  loadCpu: number;
  /** Cores busy with anything but the server and the load generator: noise from other work. */
  otherCpu: number | null;
  /** Non-2xx answers plus connection errors during the measured run (should be 0). */
  failures: number;
}

/** Other work on the machine above this share of a core makes a measured run "disturbed". */
export const DISTURBED = 0.25;

export function isDisturbed(sample: Sample): boolean {
  return sample.otherCpu !== null && sample.otherCpu > DISTURBED;
}

export interface ThroughputRun {
  samples: Sample[];
}

export async function measureThroughput(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ThroughputRun> {
  const samples: Sample[] = [];
  const names = options.frameworks;
  for (let round = 1; round <= options.rounds; round++) {
    const order = names.map((_, i) => names[(i + round - 1) % names.length]!);
    for (const framework of order) {
      const server = await startServer(framework);
      try {
        await verifyServer(framework, server.port);
        for (const endpoint of options.endpoints) {
          for (const mode of options.modes) {
            if (options.warmup > 0) await runLoad(server.port, [endpoint], options.warmup, mode);
            const [load, usage] = await watchUsage(
              server.pid,
              runLoad(server.port, [endpoint], options.duration, mode),
            );
            const sample: Sample = {
              framework,
              endpoint: endpoint.name,
              mode: mode.name,
              round,
              rps: load.rps,
              p99: load.p99,
              peakRss: usage.peakRss,
              cpu: usage.cpu,
              loadCpu: load.cpu,
              otherCpu:
                usage.machineCpu !== null && usage.cpu !== null
                  ? Math.max(0, usage.machineCpu - usage.cpu - load.cpu)
                  : null,
              failures: load.non2xx + load.errors,
            };
            samples.push(sample);
            log(describe(sample));
          }
        }
      } finally {
        await server.stop();
      }
    }
  }
  return { samples };
}

function describe(s: Sample): string {
  const pct = (share: number | null) => (share === null ? '?' : `${Math.round(share * 100)}%`);
  const cpu = `  cpu: server ${pct(s.cpu)} load ${pct(s.loadCpu)} other ${pct(s.otherCpu)}`;
  const failed = `${s.failures > 0 ? `  FAILURES ${s.failures}` : ''}${isDisturbed(s) ? '  (disturbed)' : ''}`;
  return `round ${s.round}  ${s.framework.padEnd(8)} ${s.endpoint.padEnd(25)} ${s.mode.padEnd(11)} ${Math.round(s.rps).toString().padStart(7)} req/s  p99 ${s.p99} ms${cpu}${failed}`;
}

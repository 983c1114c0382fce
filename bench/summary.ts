/** Medians of the measured runs, per framework, load mode and endpoint. */
import { median } from './format.js';
import { isDisturbed, type Sample } from './throughput.js';

export interface Cell {
  rps: number;
  p99: number;
  /** Requests per CPU-second of the server: throughput with the machine's noise divided out. */
  perCpu: number | null;
  /** Every run of this cell was disturbed by other work: the median is of those. */
  disturbedOnly: boolean;
}

export const cellKey = (framework: string, mode: string, endpoint: string): string =>
  `${framework}|${mode}|${endpoint}`;

/** Medians over the undisturbed rounds (over all of them when none was). */
export function summariseSamples(samples: Sample[]): Map<string, Cell> {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = cellKey(s.framework, s.mode, s.endpoint);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const result = new Map<string, Cell>();
  for (const [key, all] of groups) {
    const quiet = all.filter((s) => !isDisturbed(s));
    const group = quiet.length > 0 ? quiet : all;
    const perCpu = group.flatMap((s) => (s.cpu ? [s.rps / s.cpu] : []));
    result.set(key, {
      rps: median(group.map((s) => s.rps)),
      p99: median(group.map((s) => s.p99)),
      perCpu: perCpu.length ? median(perCpu) : null,
      disturbedOnly: quiet.length === 0,
    });
  }
  return result;
}

export const geometricMean = (ratios: number[]): number | null =>
  ratios.length ? Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length) : null;

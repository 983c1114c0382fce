/** The Markdown report: medians of the rounds, ratios to raw node:http, and the DESIGN §6 checks. */
import { ENDPOINTS } from './endpoints.js';
import type { BenchOptions } from './options.js';
import type { ProfileResult } from './profile.js';
import { extras } from './report-extras.js';
import type { MemoryResult } from './memory.js';
import type { StartupResult } from './startup.js';
import { LABELS, mb, median, number, percent } from './format.js';
import { DISTURBED, isDisturbed, type Sample, type ThroughputRun } from './throughput.js';

export interface ReportInput {
  date: string;
  options: BenchOptions;
  environment: string[];
  throughput: ThroughputRun;
  startup: StartupResult[];
  /** raw node:http (the control) and pecan, when `--memory` ran. */
  memory: MemoryResult[] | null;
  profile: ProfileResult | null;
}

interface Cell {
  rps: number;
  p99: number;
  /** Requests per CPU-second of the server: throughput with the machine's noise divided out. */
  perCpu: number | null;
  /** Every run of this cell was disturbed by other work: the median is of those. */
  disturbedOnly: boolean;
}

/** Medians over the undisturbed rounds (over all of them when none was), per framework × endpoint. */
export function summariseSamples(samples: Sample[]): Map<string, Cell> {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.framework} ${s.endpoint}`;
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

const mean = (values: number[]): number | null =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
const share = (value: number | null): string =>
  value === null ? 'n/a' : `${Math.round(value * 100)} %`;

/** One row per framework: each endpoint's value with its ratio to raw, then the geometric mean. */
function ratioRows(input: ReportInput, value: (cell: Cell) => number | null): string[] {
  const medians = summariseSamples(input.throughput.samples);
  return input.options.frameworks.map((fw) => {
    const ratios: number[] = [];
    const cells = ENDPOINTS.map((e) => {
      const cell = medians.get(`${fw} ${e.name}`)!;
      const own = value(cell);
      const raw = value(medians.get(`raw ${e.name}`)!);
      if (own === null || raw === null) return 'n/a';
      ratios.push(own / raw);
      return `${number(own)} (${(own / raw).toFixed(2)}×)${cell.disturbedOnly ? ' †' : ''}`;
    });
    const geo = ratios.length
      ? `${Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length).toFixed(2)}×`
      : 'n/a';
    return `| ${LABELS[fw]} | ${cells.join(' | ')} | ${geo} |`;
  });
}

function tables(input: ReportInput): string[] {
  const { samples } = input.throughput;
  const medians = summariseSamples(samples);
  const names = input.options.frameworks;
  const head = `| Framework | ${ENDPOINTS.map((e) => e.name).join(' | ')} |`;
  const rule = `|---|${ENDPOINTS.map(() => '--:|').join('')}`;
  const p99 = names.map(
    (fw) =>
      `| ${LABELS[fw]} | ${ENDPOINTS.map((e) => {
        const cell = medians.get(`${fw} ${e.name}`)!;
        return `${cell.p99}${cell.disturbedOnly ? ' †' : ''}`;
      }).join(' | ')} |`,
  );
  const usage = names.map((fw) => {
    const own = samples.filter((s) => s.framework === fw);
    const rss = Math.max(...own.map((s) => s.peakRss ?? -1));
    const server = mean(own.flatMap((s) => (s.cpu === null ? [] : [s.cpu])));
    const other = mean(own.flatMap((s) => (s.otherCpu === null ? [] : [s.otherCpu])));
    const load = mean(own.map((s) => s.loadCpu));
    return `| ${LABELS[fw]} | ${mb(rss < 0 ? null : rss)} | ${share(server)} | ${share(load)} | ${share(other)} |`;
  });
  const rounds = input.options.rounds;
  return [
    `## Throughput (req/s, median of ${rounds} round(s); ratio to raw node:http)`,
    '',
    `Medians leave out the measured runs disturbed by other work on the machine (more than`,
    `${DISTURBED * 100} % of a core); † marks a cell whose every run was disturbed.`,
    '',
    `${head} geometric mean |`,
    `${rule}--:|`,
    ...ratioRows(input, (cell) => cell.rps),
    '',
    '## p99 latency (ms, median of the rounds)',
    '',
    head,
    rule,
    ...p99,
    '',
    '## Requests per CPU-second of the server (ratio to raw node:http)',
    '',
    'Throughput divided by the share of its core the server used: less sensitive to other work',
    'on the machine and to a saturated load generator than req/s, though a server that is not',
    'saturated batches less and so looks a little costlier per request.',
    '',
    `${head} geometric mean |`,
    `${rule}--:|`,
    ...ratioRows(input, (cell) => cell.perCpu),
    '',
    '## Resources during the measured runs',
    '',
    'Peak RSS of the server; mean CPU (share of one core) of the server and of the load',
    'generator; mean CPU of everything else on the machine (other work skews the numbers).',
    '',
    '| Framework | peak RSS (MB) | server CPU | load generator CPU | other CPU |',
    '|---|--:|--:|--:|--:|',
    ...usage,
    '',
  ];
}

function targets(input: ReportInput): string[] {
  if (!input.options.frameworks.includes('pecan')) return [];
  const medians = summariseSamples(input.throughput.samples);
  const get = (fw: string, ep: string) => medians.get(`${fw} ${ep}`);
  const lines = ['## DESIGN §6 targets', ''];
  if ([...medians.values()].some((cell) => cell.disturbedOnly)) {
    lines.push(
      'Cells marked † above make these checks unreliable for their endpoints; the',
      'requests-per-CPU-second table is the steadier comparison on a busy machine.',
      '',
    );
  }
  const check = (label: string, failing: string[]) =>
    lines.push(
      `- ${label}: ${failing.length === 0 ? '**met**' : `**not met** on ${failing.join(', ')}`}`,
    );
  const eps = ENDPOINTS.map((e) => e.name);
  check(
    'pecan ≥ 0.9 × raw node:http (req/s)',
    eps.filter((e) => get('pecan', e)!.rps < 0.9 * get('raw', e)!.rps),
  );
  if (input.options.frameworks.includes('fastify')) {
    check(
      'pecan ≥ Fastify (req/s)',
      eps.filter((e) => get('pecan', e)!.rps < get('fastify', e)!.rps),
    );
    check(
      'pecan p99 ≤ Fastify p99',
      eps.filter((e) => get('pecan', e)!.p99 > get('fastify', e)!.p99),
    );
  }
  const pecanStart = input.startup.find((s) => s.framework === 'pecan');
  if (pecanStart) {
    const ms = median(pecanStart.runs);
    lines.push(
      `- start-up to first response < 300 ms: **${ms < 300 ? 'met' : 'not met'}** (${ms.toFixed(0)} ms, the bench app; the target names the scaffolded project)`,
    );
  }
  const memory = input.memory?.find((m) => m.framework === 'pecan');
  lines.push(
    memory === undefined
      ? '- RSS growth ≤ 10 % over a 60 s load: not measured in this run (`--memory`)'
      : `- RSS growth ≤ 10 % over a ${memory.seconds} s load: **${memory.growth <= 0.1 ? 'met' : 'not met'}** (${percent(memory.growth)}; see the RSS section)`,
  );
  return [...lines, ''];
}

export function renderReport(input: ReportInput): string {
  const { options, throughput } = input;
  const failures = throughput.samples.filter((s) => s.failures > 0);
  return [
    `# Benchmark ${input.date}${options.quick ? ' (quick smoke run)' : ''}`,
    '',
    'Produced by `npm run bench`; see [docs/performance.md](../../docs/performance.md) for the method.',
    '',
    ...input.environment.map((line) => `- ${line}`),
    `- Load: autocannon, ${options.connections} connections, pipelining ${options.pipelining}, ${options.warmup} s warm-up then ${options.duration} s measured per endpoint, ${options.rounds} round(s), each server started fresh per round`,
    '- pecan: built `dist/`, default options (context locals on); `GET /users/<id>` is a `RestController` `getOne`, `GET /deep/…` walks six nested controllers',
    `- Disturbed runs (other work above ${DISTURBED * 100} % of a core, left out of the medians): ${throughput.samples.filter(isDisturbed).length} of ${throughput.samples.length}`,
    ...(failures.length > 0
      ? [`- **${failures.length} measured run(s) had non-2xx answers or errors**`]
      : []),
    '',
    ...tables(input),
    ...targets(input),
    ...extras(input),
  ].join('\n');
}

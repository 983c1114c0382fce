/**
 * The Markdown report: both load modes side by side, endpoint by endpoint — medians of the
 * rounds and ratios to raw node:http — then the DESIGN §6 checks for each mode.
 */
import type { BenchOptions, LoadMode } from './options.js';
import type { ProfileResult } from './profile.js';
import { extras } from './report-extras.js';
import type { MemoryResult } from './memory.js';
import type { StartupResult } from './startup.js';
import { LABELS, median, number } from './format.js';
import { cellKey, geometricMean, summariseSamples, type Cell } from './summary.js';
import { DISTURBED, isDisturbed, type ThroughputRun } from './throughput.js';

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

type Medians = Map<string, Cell>;

/** `pipelined (100 × 10)`: the mode with its connections and pipelining factor. */
export const modeLabel = (mode: LoadMode): string =>
  `${mode.name} (${mode.connections} conn. × ${mode.pipelining})`;

const dagger = (cell: Cell): string => (cell.disturbedOnly ? ' †' : '');

/**
 * One row per endpoint; for each mode, raw node:http's value and every other framework's ratio
 * to it; a last row of geometric means. `value` picks req/s or requests per CPU-second.
 */
function ratioTable(
  input: ReportInput,
  medians: Medians,
  value: (cell: Cell) => number | null,
): string[] {
  const { modes, frameworks, endpoints } = input.options;
  const others = frameworks.filter((fw) => fw !== 'raw');
  const head = modes.flatMap((m) => [
    `raw, ${m.name}`,
    ...others.map((fw) => `${LABELS[fw]}, ${m.name}`),
  ]);
  const ratios = new Map<string, number[]>();
  const rows = endpoints.map((e) => {
    const cells = modes.flatMap((m) => {
      const rawCell = medians.get(cellKey('raw', m.name, e.name))!;
      const raw = value(rawCell);
      return [
        raw === null ? 'n/a' : `${number(raw)}${dagger(rawCell)}`,
        ...others.map((fw) => {
          const cell = medians.get(cellKey(fw, m.name, e.name))!;
          const own = value(cell);
          if (own === null || raw === null) return 'n/a';
          const list = ratios.get(`${fw}|${m.name}`) ?? [];
          list.push(own / raw);
          ratios.set(`${fw}|${m.name}`, list);
          return `${(own / raw).toFixed(2)}×${dagger(cell)}`;
        }),
      ];
    });
    return `| ${e.name} | ${cells.join(' | ')} |`;
  });
  const geo = modes.flatMap((m) => [
    '1.00×',
    ...others.map((fw) => {
      const mean = geometricMean(ratios.get(`${fw}|${m.name}`) ?? []);
      return mean === null ? 'n/a' : `${mean.toFixed(2)}×`;
    }),
  ]);
  return [
    `| Endpoint | ${head.join(' | ')} |`,
    `|---|${head.map(() => '--:|').join('')}`,
    ...rows,
    `| geometric mean | ${geo.join(' | ')} |`,
  ];
}

function p99Table(input: ReportInput, medians: Medians): string[] {
  const { modes, frameworks, endpoints } = input.options;
  const head = modes.flatMap((m) => frameworks.map((fw) => `${LABELS[fw]}, ${m.name}`));
  const rows = endpoints.map((e) => {
    const cells = modes.flatMap((m) =>
      frameworks.map((fw) => {
        const cell = medians.get(cellKey(fw, m.name, e.name))!;
        return `${cell.p99}${dagger(cell)}`;
      }),
    );
    return `| ${e.name} | ${cells.join(' | ')} |`;
  });
  return [`| Endpoint | ${head.join(' | ')} |`, `|---|${head.map(() => '--:|').join('')}`, ...rows];
}

const mean = (values: number[]): number | null =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
const share = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2));

function usageTable(input: ReportInput): string[] {
  const { samples } = input.throughput;
  const rows = input.options.modes.flatMap((m) =>
    input.options.frameworks.map((fw) => {
      const own = samples.filter((s) => s.framework === fw && s.mode === m.name);
      const rss = Math.max(...own.map((s) => s.peakRss ?? -1));
      const server = mean(own.flatMap((s) => (s.cpu === null ? [] : [s.cpu])));
      const other = mean(own.flatMap((s) => (s.otherCpu === null ? [] : [s.otherCpu])));
      const load = mean(own.map((s) => s.loadCpu));
      const mb = rss < 0 ? 'n/a' : (rss / 2 ** 20).toFixed(1);
      return `| ${LABELS[fw]} | ${m.name} | ${mb} | ${share(server)} | ${share(load)} | ${share(other)} |`;
    }),
  );
  return [
    '| Framework | mode | peak RSS (MB) | server CPU | load generator CPU | other CPU |',
    '|---|---|--:|--:|--:|--:|',
    ...rows,
  ];
}

function tables(input: ReportInput, medians: Medians): string[] {
  const rounds = input.options.rounds;
  return [
    `## Throughput (median of ${rounds} round(s): raw node:http in req/s, the others as a ratio to it)`,
    '',
    `Modes: ${input.options.modes.map(modeLabel).join('; ')}. Medians leave out the measured`,
    `runs disturbed by other work on the machine (more than ${DISTURBED * 100} % of a core); † marks a cell`,
    'whose every run was disturbed.',
    '',
    ...ratioTable(input, medians, (cell) => cell.rps),
    '',
    '## p99 latency (ms, median of the rounds)',
    '',
    ...p99Table(input, medians),
    '',
    '## Requests per CPU-second of the server (raw node:http, then the ratio to it)',
    '',
    'Throughput divided by the share of its core the server used: less sensitive to other work',
    'on the machine and to a saturated load generator than req/s, though a server that is not',
    'saturated batches less and so looks a little costlier per request.',
    '',
    ...ratioTable(input, medians, (cell) => cell.perCpu),
    '',
    '## Resources during the measured runs',
    '',
    'Peak RSS of the server; mean CPU (in cores) of the server and of the load generator, and of',
    'everything else on the machine (other work skews the numbers).',
    '',
    ...usageTable(input),
    '',
  ];
}

function targets(input: ReportInput, medians: Medians): string[] {
  const { frameworks, modes, endpoints } = input.options;
  if (!frameworks.includes('pecan')) return [];
  const lines = ['## DESIGN §6 targets', ''];
  if ([...medians.values()].some((cell) => cell.disturbedOnly)) {
    lines.push(
      'Cells marked † above make these checks unreliable for their endpoints; the',
      'requests-per-CPU-second table is the steadier comparison on a busy machine.',
      '',
    );
  }
  for (const m of modes) {
    const get = (fw: string, ep: string) => medians.get(cellKey(fw, m.name, ep))!;
    const check = (label: string, failing: string[]) =>
      lines.push(
        `- ${m.name}: ${label}: ${failing.length === 0 ? '**met**' : `**not met** on ${failing.join(', ')}`}`,
      );
    const eps = endpoints.map((e) => e.name);
    check(
      'pecan ≥ 0.9 × raw node:http (req/s)',
      eps.filter((e) => get('pecan', e).rps < 0.9 * get('raw', e).rps),
    );
    if (frameworks.includes('fastify')) {
      check(
        'pecan ≥ Fastify (req/s)',
        eps.filter((e) => get('pecan', e).rps < get('fastify', e).rps),
      );
      check(
        'pecan p99 ≤ Fastify p99',
        eps.filter((e) => get('pecan', e).p99 > get('fastify', e).p99),
      );
    }
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
      : `- RSS growth ≤ 10 % over a ${memory.seconds} s load: **${memory.growth <= 0.1 ? 'met' : 'not met'}** (${(memory.growth * 100).toFixed(1)} %; see the RSS section)`,
  );
  return [...lines, ''];
}

export function renderReport(input: ReportInput): string {
  const { options, throughput } = input;
  const failures = throughput.samples.filter((s) => s.failures > 0);
  const medians = summariseSamples(throughput.samples);
  return [
    `# Benchmark ${input.date}${options.quick ? ' (quick smoke run)' : ''}`,
    '',
    'Produced by `npm run bench`; see [docs/performance.md](../../docs/performance.md) for the method.',
    '',
    ...input.environment.map((line) => `- ${line}`),
    `- Load: autocannon, ${options.modes.map(modeLabel).join(' and ')}; ${options.warmup} s warm-up then ${options.duration} s measured per endpoint and mode, ${options.rounds} round(s), each server started fresh per round`,
    '- pecan: built `dist/`, default options (context locals on); `GET /users/<id>` is a `RestController` `getOne` and `POST /users` its `post` with the body bound to its arguments; `POST /echo` returns `request.json`; `GET /deep/…` walks six nested controller classes, `GET /plain/…` six nested plain objects',
    `- Disturbed runs (other work above ${DISTURBED * 100} % of a core, left out of the medians): ${throughput.samples.filter(isDisturbed).length} of ${throughput.samples.length}`,
    ...(failures.length > 0
      ? [`- **${failures.length} measured run(s) had non-2xx answers or errors**`]
      : []),
    '',
    ...tables(input, medians),
    ...targets(input, medians),
    ...extras(input),
  ].join('\n');
}

/** The report's sections beyond throughput: start-up, RSS over a long load, CPU profile. */
import { LABELS, mb, median, number, percent } from './format.js';
import type { MemoryResult } from './memory.js';
import type { ProfileResult } from './profile.js';
import type { ReportInput } from './report.js';
import type { StartupResult } from './startup.js';

export function extras(input: ReportInput): string[] {
  return [
    ...startupSection(input.startup),
    ...(input.memory ? memorySection(input.memory) : []),
    ...(input.profile ? profileSection(input.profile) : []),
  ];
}

function startupSection(startup: StartupResult[]): string[] {
  return [
    '## Start-up to first response',
    '',
    'Spawn `node` on the compiled app, poll `GET /` until the first 200.',
    '',
    '| App | median (ms) | min | max |',
    '|---|--:|--:|--:|',
    ...startup.map(
      (s) =>
        `| ${LABELS[s.framework]} | ${median(s.runs).toFixed(0)} | ${s.runs[0]!.toFixed(0)} | ${s.runs.at(-1)!.toFixed(0)} |`,
    ),
    '',
  ];
}

function memorySection(results: MemoryResult[]): string[] {
  const seconds = results[0]?.seconds ?? 0;
  const lines = [
    '## RSS over a long load',
    '',
    `${seconds} s, every connection cycling through all the endpoints, after an unmeasured`,
    'warm-up of at least 5 s (V8 sizes its young generation in the first seconds of load); raw',
    'node:http is the control (what Node itself does with its heap under this load). RSS',
    'sampled every second.',
    '',
    '| App | req/s | after 5 s (MB) | end (MB) | growth | samples (MB) |',
    '|---|--:|--:|--:|--:|---|',
  ];
  for (const m of results) {
    const step = Math.max(1, Math.floor(m.samples.length / 10));
    const points = m.samples
      .filter((_, i) => i % step === 0)
      .map(([t, rss]) => `${t.toFixed(0)} s ${mb(rss)}`)
      .join(', ');
    lines.push(
      `| ${LABELS[m.framework]} | ${number(m.rps)} | ${mb(m.at5s)} | ${mb(m.atEnd)} | ${percent(m.growth)} | ${points} |`,
    );
  }
  return [...lines, ''];
}

function profileSection(profile: ProfileResult): string[] {
  const row = (f: ProfileResult['top'][number]) =>
    `| \`${f.name}\` | \`${f.location}\` | ${f.selfMs.toFixed(0)} | ${percent(f.share)} |`;
  return [
    '## pecan CPU profile (self time)',
    '',
    `${(profile.busyMs / 1000).toFixed(1)} s of busy samples over the endpoints run, without pipelining where that mode ran; raw file: \`${profile.file}\`.`,
    '',
    '| Function | Location | self (ms) | share |',
    '|---|---|--:|--:|',
    ...profile.top.map(row),
    '',
    "pecan's own code (`dist/`) only:",
    '',
    '| Function | Location | self (ms) | share |',
    '|---|---|--:|--:|',
    ...profile.own.map(row),
    '',
    '| Source | share of self time |',
    '|---|--:|',
    ...profile.byFile.map((f) => `| \`${f.file}\` | ${percent(f.share)} |`),
    '',
  ];
}

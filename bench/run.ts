/**
 * `npm run bench`: raw node:http, Fastify, Express and pecan under autocannon in the same run,
 * with and without pipelining, then start-up time (and, on request, pecan's RSS growth and CPU profile). Writes
 * bench/results/<date>.md. Not part of `npm test`: machines are noisy.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { format } from 'prettier';
import { measureMemory } from './memory.js';
import { readOptions, USAGE } from './options.js';
import { BUILD_DIR, configurePinning } from './proc.js';
import { profilePecan } from './profile.js';
import { renderReport } from './report.js';
import { measureStartup } from './startup.js';
import { measureThroughput } from './throughput.js';

const options = readOptions(process.argv.slice(2));
if (options === null) {
  console.log(USAGE);
  process.exit(0);
}

const pinning = configurePinning(options.pin, options.loadCores);
const require = createRequire(import.meta.url);
const version = (name: string): string =>
  (require(`${name}/package.json`) as { version: string }).version;
const pecanVersion = (require('../../package.json') as { version: string }).version;
const load = os.loadavg().map((n) => n.toFixed(2));
const environment = [
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${os.platform()} ${os.release()}, Node ${process.version}; load average at start ${load.join(' / ')}`,
  `Pinning: ${pinning.description}`,
  `Versions: pecan ${pecanVersion}, fastify ${version('fastify')}, express ${version('express')}, autocannon ${version('autocannon')}`,
];
environment.forEach((line) => console.log(line));

const throughput = await measureThroughput(options, (line) => console.log(line));
const startupRuns = options.quick ? 3 : 10;
const startup = [
  await measureStartup('raw', startupRuns),
  await measureStartup('pecan', startupRuns),
];
console.log(
  `start-up: ${startup.map((s) => `${s.framework} ${s.runs.map((ms) => ms.toFixed(0)).join(' ')} ms`).join('; ')}`,
);
// The long load and the profile run in one mode: without pipelining when that mode is chosen,
// as proxies and browsers send requests.
const mode = options.modes.find((m) => m.pipelining === 1) ?? options.modes[0]!;
const memoryWarmup = Math.max(options.warmup, 5);
const memory = options.memory
  ? [
      await measureMemory('raw', options.memoryDuration, mode, memoryWarmup),
      await measureMemory('pecan', options.memoryDuration, mode, memoryWarmup),
    ]
  : null;
const profile = options.profile
  ? await profilePecan(options.quick ? 2 : 5, mode, options.endpoints)
  : null;

const date = new Date().toISOString().slice(0, 10);
const report = await format(
  renderReport({ date, options, environment, throughput, startup, memory, profile }),
  { parser: 'markdown', proseWrap: 'preserve' },
);
const results = path.resolve(BUILD_DIR, '..', 'results');
const file = path.join(
  results,
  options.quick ? `${date}-quick.tmp` : options.name ? `${date}-${options.name}.md` : `${date}.md`,
);
fs.writeFileSync(file, report);
console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), file)}`);

/**
 * CPU profile of the pecan server under load (`node --cpu-prof`), reduced to the functions
 * with the most self time: where pecan spends its share of each request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchEndpoint } from './endpoints.js';
import { runLoad, type LoadSettings } from './load.js';
import { startServer } from './proc.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  /** µs on the monotonic clock `process.hrtime` reads. */
  startTime: number;
}

export interface HotFunction {
  name: string;
  /** `dist/…/file.js:line`, `node:internal/…:line` or a dependency path. */
  location: string;
  selfMs: number;
  /** Share of the busy (non-idle) samples. */
  share: number;
}

export interface ProfileResult {
  file: string;
  busyMs: number;
  top: HotFunction[];
  /** The same, for pecan's own code (`dist/`) only. */
  own: HotFunction[];
  /** Self time per source: pecan's dist files, node internals, … */
  byFile: { file: string; share: number }[];
}

export async function profilePecan(
  seconds: number,
  settings: LoadSettings,
  endpoints: readonly BenchEndpoint[],
): Promise<ProfileResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-bench-profile-'));
  const server = await startServer('pecan', { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  try {
    for (const endpoint of endpoints) await runLoad(server.port, [endpoint], seconds, settings);
  } finally {
    await server.stop();
  }
  const name = fs.readdirSync(dir).find((file) => file.endsWith('.cpuprofile'));
  if (name === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  const file = path.join(dir, name);
  return { file, ...summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, 25) };
}

export function summarise(profile: CpuProfile, count: number): Omit<ProfileResult, 'file'> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, HotFunction>();
  const files = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    if (node === undefined || node.callFrame.functionName === '(idle)') continue;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    busy += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = shorten(url) || functionName;
    const location = url ? `${shorten(url)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName}@${location}`;
    const entry = self.get(key) ?? {
      name: functionName || '(anonymous)',
      location,
      selfMs: 0,
      share: 0,
    };
    entry.selfMs += ms;
    self.set(key, entry);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const ranked = [...self.values()].sort((a, b) => b.selfMs - a.selfMs);
  for (const entry of ranked) entry.share = entry.selfMs / busy;
  const top = ranked.slice(0, count);
  const own = ranked.filter((entry) => entry.location.startsWith('dist/')).slice(0, count);
  const byFile = [...files]
    .map(([file, ms]) => ({ file, share: ms / busy }))
    .sort((a, b) => b.share - a.share)
    .slice(0, count);
  return { busyMs: busy, top, own, byFile };
}

/** Paths relative to the repository (`root`); node internals stay `node:…`. */
function shorten(url: string, root = process.cwd()): string {
  const text = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  const prefix = root + path.sep;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/**
 * CPU ms per area, for the samples taken between `start` and `end` (µs, the profile's clock):
 * each pecan source file, the bench app's handlers, the bench driver, each dependency, Node's
 * modules, V8's natives by name, the garbage collector and V8 itself.
 */
export function byArea(
  profile: CpuProfile,
  start: number,
  end: number,
  root: string,
): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const areas = new Map<string, number>();
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    if (time < start || time > end) continue;
    const node = byId.get(profile.samples[i]!);
    if (node === undefined || node.callFrame.functionName === '(idle)') continue;
    const area = areaOf(node.callFrame, root);
    areas.set(area, (areas.get(area) ?? 0) + delta / 1000);
  }
  return areas;
}

function areaOf({ functionName, url }: ProfileNode['callFrame'], root: string): string {
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'V8 (outside JavaScript)';
  if (url === '') return `native ${functionName || '(anonymous)'}`;
  if (url.startsWith('node:')) {
    const module = url.replace(/^node:(internal\/)?/, '').split('/')[0];
    return `Node: ${module}`;
  }
  const local = shorten(url, root);
  const dependency = /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(local);
  if (dependency !== null) return dependency[1]!;
  if (local.startsWith('dist/')) return `pecan: ${local.slice(5)}`;
  if (local.startsWith('bench/.build/servers/')) return "the app's handlers";
  // The raw handler (the floor) lives in in-process.ts, with the driver and the stand-ins.
  if (local.startsWith('bench/.build/')) return 'bench driver, stand-ins, raw handler';
  return local;
}

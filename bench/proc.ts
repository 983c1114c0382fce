/**
 * Processes of the bench: the server and the load generator each get cores of their own (with
 * `taskset`, when the machine has two or more), and the server's RSS and CPU time are read
 * from /proc (Linux) while it is under load.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled bench (bench/.build). */
export const BUILD_DIR = path.dirname(fileURLToPath(import.meta.url));

const cores = os.availableParallelism();
const hasTaskset = spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

export interface Pinning {
  /** Command prefixes that pin a process (`taskset -c …`), empty when not pinned. */
  server: string[];
  load: string[];
  /** Worker threads of the load generator: one per core it was given. */
  loadWorkers: number;
  description: string;
}

/**
 * Where the processes run. With taskset and two or more cores, the server gets core 1 and the
 * load generator `loadCores` others (core 0 first, then 2, 3, …), one autocannon worker thread
 * on each: only the server is then the bottleneck. On a 2-core machine that is core 1 for the
 * server and core 0 for a single-threaded load generator. Set once by `configurePinning`.
 */
export let pinning: Pinning = unpinned('not configured');

function unpinned(reason: string): Pinning {
  return {
    server: [],
    load: [],
    loadWorkers: 1,
    description: `not pinned (${reason}): server and load generator share the CPU`,
  };
}

export function configurePinning(pin: boolean, loadCores: number): Pinning {
  if (!pin) pinning = unpinned('--no-pin');
  else if (!hasTaskset) pinning = unpinned('no taskset');
  else if (cores < 2) pinning = unpinned(`${cores} core`);
  else {
    const others = [0, ...Array.from({ length: cores - 2 }, (_, i) => i + 2)];
    const load = others.slice(0, Math.max(1, Math.min(loadCores, others.length)));
    const list = load.length > 1 ? `cores ${load.join(',')}` : `core ${load[0]}`;
    pinning = {
      server: ['taskset', '-c', '1'],
      load: ['taskset', '-c', load.join(',')],
      loadWorkers: load.length,
      description: `server on core 1, load generator on ${list} with ${load.length} autocannon worker thread(s) (taskset; ${cores} cores)`,
    };
  }
  return pinning;
}

/** Spawns `node [nodeArgs] script [args]`, pinned by `prefix`. */
export function spawnNode(
  prefix: string[],
  script: string,
  options: { nodeArgs?: string[]; args?: string[]; env?: Record<string, string> } = {},
): ChildProcess {
  const command = [...prefix, process.execPath, ...(options.nodeArgs ?? []), script];
  return spawn(command[0]!, [...command.slice(1), ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface RunningServer {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts bench/.build/servers/<name>.js and waits for its `listening <port>` line. */
export function startServer(
  name: string,
  options: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const child = spawnNode(pinning.server, path.join(BUILD_DIR, 'servers', `${name}.js`), options);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    let ready = false;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} server did not start in 15 s\n${stderr}`));
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // After a successful start this is a no-op: the promise is already settled.
      reject(new Error(`${name} server exited (code ${code}) before listening\n${stderr}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return;
      stdout += chunk.toString();
      const match = /^listening (\d+)$/m.exec(stdout);
      if (match === null) return;
      ready = true;
      clearTimeout(timer);
      resolve({ name, port: Number(match[1]), pid: child.pid!, stop });
    });
  });
}

/** Resident set size of a process in bytes (null where /proc and ps are both missing). */
export function readRss(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // not Linux, or the process is gone: try ps
  }
  const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  const kb = Number(ps.stdout?.trim());
  return ps.status === 0 && kb > 0 ? kb * 1024 : null;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** User + system CPU seconds a process has used (null off Linux). */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the `(comm)`: state is the first; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine has been busy, summed over its cores (null off Linux). */
export function readMachineBusySeconds(): number | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = ticks[3]! + ticks[4]!; // idle + iowait
    return (ticks.reduce((a, b) => a + b, 0) - idle) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export interface Usage {
  /** Highest RSS sampled, bytes. */
  peakRss: number | null;
  /** Share of one core the process used, 0–1. */
  cpu: number | null;
  /** Cores the whole machine kept busy meanwhile (server, load generator and anything else). */
  machineCpu: number | null;
}

/** Samples a process's RSS (every 250 ms) and CPU time while `work` runs. */
export async function watchUsage<T>(pid: number, work: Promise<T>): Promise<[T, Usage]> {
  let peakRss: number | null = null;
  const sample = (): void => {
    const rss = readRss(pid);
    if (rss !== null && (peakRss === null || rss > peakRss)) peakRss = rss;
  };
  const cpuBefore = readCpuSeconds(pid);
  const machineBefore = readMachineBusySeconds();
  const started = performance.now();
  const timer = setInterval(sample, 250);
  try {
    const result = await work;
    sample();
    const cpuAfter = readCpuSeconds(pid);
    const machineAfter = readMachineBusySeconds();
    const seconds = (performance.now() - started) / 1000;
    const rate = (a: number | null, b: number | null) =>
      a !== null && b !== null ? (b - a) / seconds : null;
    return [
      result,
      { peakRss, cpu: rate(cpuBefore, cpuAfter), machineCpu: rate(machineBefore, machineAfter) },
    ];
  } finally {
    clearInterval(timer);
  }
}

/**
 * RSS growth under a long load (DESIGN §6 for pecan: the end no more than 10 % above the value
 * after the first 5 s). Each connection cycles through all the endpoints. Raw node:http is
 * measured the same way, as the control: what Node itself does with its heap under load.
 *
 * As every measured run of the bench, the load follows an unmeasured warm-up: in its first
 * seconds under load V8 grows its young generation (tens of MB, for raw node:http as much as
 * for pecan), and a sample taken in the middle of that says when the growth happened to stop,
 * not whether the server leaks.
 */
import { ENDPOINTS } from './endpoints.js';
import { runLoad, type LoadSettings } from './load.js';
import { readRss, startServer } from './proc.js';

export interface MemoryResult {
  framework: string;
  seconds: number;
  /** RSS (bytes) sampled every second: [seconds since the load started, rss]. */
  samples: [number, number][];
  at5s: number;
  atEnd: number;
  growth: number;
  rps: number;
}

export async function measureMemory(
  framework: string,
  seconds: number,
  settings: LoadSettings,
  warmup: number,
): Promise<MemoryResult> {
  const server = await startServer(framework);
  try {
    await runLoad(server.port, ENDPOINTS, warmup, settings);
    const samples: [number, number][] = [];
    const started = performance.now();
    const timer = setInterval(() => {
      const rss = readRss(server.pid);
      if (rss !== null) samples.push([(performance.now() - started) / 1000, rss]);
    }, 1000);
    const load = await runLoad(server.port, ENDPOINTS, seconds, settings).finally(() =>
      clearInterval(timer),
    );
    if (samples.length < 6) throw new Error('too few RSS samples (is /proc or ps available?)');
    const at5s = samples.find(([t]) => t >= 5)![1];
    const atEnd = samples.at(-1)![1];
    return { framework, seconds, samples, at5s, atEnd, growth: atEnd / at5s - 1, rps: load.rps };
  } finally {
    await server.stop();
  }
}

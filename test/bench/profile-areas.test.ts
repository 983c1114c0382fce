/** `bench:in-process --profile`: a CPU profile's samples, by where they were spent. */
import { describe, expect, it } from 'vitest';
import { byArea, type CpuProfile } from '../../bench/profile.js';

const ROOT = '/repo';

/** [function name, script url] of the profile's nodes 1, 2, 3, … */
const FRAMES: [string, string][] = [
  ['handleNode', 'file:///repo/dist/adapters/node.js'],
  ['runStages', 'file:///repo/dist/app/lifecycle.js'],
  ['route', 'file:///repo/node_modules/find-my-way/index.js'],
  ['sanitize', 'file:///repo/node_modules/@fastify/ajv-compiler/index.js'],
  ['emit', 'node:events'],
  ['onread', 'node:internal/streams/readable'],
  ['(garbage collector)', ''],
  ['(program)', ''],
  ['(idle)', ''],
  ['stringify', ''],
  ['index', 'file:///repo/bench/.build/servers/pecan-app.js'],
  ['drive', 'file:///repo/bench/.build/in-process.js'],
];

/** Samples 1 ms apart from t = 1000 µs; `samples[i]` is sampled at 1000 + 1000·(i + 1) µs. */
function profile(samples: number[]): CpuProfile {
  return {
    startTime: 1000,
    nodes: FRAMES.map(([functionName, url], i) => ({
      id: i + 1,
      callFrame: { functionName, url, lineNumber: 0 },
    })),
    samples,
    timeDeltas: samples.map(() => 1000),
  };
}

describe('byArea', () => {
  it('names each area: pecan files, dependencies, Node modules, natives, GC, V8, the bench', () => {
    const areas = byArea(profile([1, 2, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]), 0, 1e9, ROOT);
    expect(Object.fromEntries(areas)).toEqual({
      'pecan: adapters/node.js': 1,
      'pecan: app/lifecycle.js': 2,
      'find-my-way': 1,
      '@fastify/ajv-compiler': 1,
      'Node: events': 1,
      'Node: streams': 1,
      'garbage collector': 1,
      'V8 (outside JavaScript)': 1,
      'native stringify': 1,
      "the app's handlers": 1,
      'bench driver, stand-ins, raw handler': 1,
    });
  });

  it('counts only the samples inside the window, and never idle time', () => {
    // Sampled at 2000, 3000, 4000, 5000 and 6000 µs.
    const areas = byArea(profile([1, 9, 2, 2, 1]), 2500, 5000, ROOT);
    expect(Object.fromEntries(areas)).toEqual({ 'pecan: app/lifecycle.js': 2 });
  });
});

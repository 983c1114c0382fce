/**
 * docs/tutorial.md, run as a reader would: every `$ curl …` of its ```console blocks, in order,
 * in one shell (so `ID=$(…)` carries over), against both services started here; each output is
 * compared with the one the guide shows. A read-only command is re-run for a while until it
 * matches, as a reader re-runs it while a deployment finishes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonMismatch, parseOutput, readConsoleSteps, type ConsoleStep } from './console-blocks.js';
import { root } from './harness.js';
import { startSystem, type RunningSystem } from './system.js';

const steps = readConsoleSteps(path.join(root, 'docs/tutorial.md'));
let system: RunningSystem;
let shell: ChildProcessWithoutNullStreams;

beforeAll(async () => {
  system = await startSystem();
  shell = spawn('bash', ['--noprofile', '--norc'], { cwd: root });
}, 60_000);

afterAll(async () => {
  shell?.kill();
  await system?.stop();
}, 30_000);

let sequence = 0;
/** Runs one command in the shared shell; resolves to what it printed and its exit status. */
function run(command: string): Promise<{ output: string; status: number }> {
  const marker = `__done_${++sequence}__`;
  return new Promise((resolve) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const at = output.indexOf(marker);
      if (at === -1) return;
      shell.stdout.off('data', onData);
      const status = Number(/(\d+)/.exec(output.slice(at + marker.length))?.[1]);
      resolve({ output: output.slice(0, at).replace(/\n$/, ''), status });
    };
    shell.stdout.on('data', onData);
    shell.stdin.write(`{ ${command}\n} 2>&1; echo; echo "${marker} $?"\n`);
  });
}

function localise(command: string): string {
  return command
    .replaceAll('127.0.0.1:8080', `127.0.0.1:${system.deployer.port}`)
    .replaceAll('127.0.0.1:8081', `127.0.0.1:${system.notifier.port}`);
}

function mismatch(step: ConsoleStep, printed: string): string | null {
  if (step.output === '') return null;
  const expected = parseOutput(step.output);
  const actual = parseOutput(printed.trim());
  if (expected.status !== null && expected.status !== actual.status)
    return `status ${actual.status}, expected ${expected.status}`;
  for (const [name, value] of expected.headers) {
    const got = actual.headers.find(([n]) => n === name)?.[1];
    if (got === undefined) return `no ${name} header`;
    const problem = jsonMismatch(value, got, name);
    if (problem) return problem;
  }
  if (expected.body === '' || expected.body === '…') return null;
  return bodyMismatch(expected.body, actual.body);
}

/** A JSON document, or lines (of JSON, as `jq -c` prints them, or of text). */
function bodyMismatch(expected: string, actual: string): string | null {
  const whole = parseJson(expected);
  if (whole !== undefined) {
    const got = parseJson(actual);
    return got === undefined ? `not JSON: ${actual.slice(0, 200)}` : jsonMismatch(whole, got);
  }
  const want = expected.split('\n');
  const have = actual.split('\n');
  if (want.length !== have.length) return `${have.length} lines, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const line = parseJson(want[i]!);
    const got = line === undefined ? undefined : parseJson(have[i]!);
    const problem =
      line === undefined
        ? jsonMismatch(want[i]!.trim(), have[i]!.trim(), `line ${i + 1}`)
        : got === undefined
          ? `line ${i + 1}: not JSON: ${have[i]}`
          : jsonMismatch(line, got, `line ${i + 1}`);
    if (problem) return problem;
  }
  return null;
}

/** JSON, where the guide may write a bare `…` for a value it does not show. */
function parseJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text.replace(/([:[,]\s*)…(?=\s*[,}\]])/g, '$1"…"'));
  } catch {
    return undefined;
  }
}

const WRITES = /(-X\s*(POST|PUT|PATCH|DELETE))|(\s-d\s|--data|--form|-F\s)/;

describe('docs/tutorial.md', () => {
  it('has commands to run', () => {
    expect(steps.length).toBeGreaterThan(5);
  });

  for (const step of steps) {
    it(`line ${step.line}: ${step.command.split('\n')[0]!.slice(0, 80)}`, async () => {
      const command = localise(step.command);
      const deadline = Date.now() + (WRITES.test(command) ? 0 : 20_000);
      for (;;) {
        const { output, status } = await run(command);
        const problem = status === 0 ? mismatch(step, output) : `exit status ${status}`;
        if (!problem) return;
        if (Date.now() > deadline)
          throw new Error(`docs/tutorial.md:${step.line}: ${problem}\n--- printed:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }, 30_000);
  }
});

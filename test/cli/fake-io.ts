import type { CliIO } from '../../src/cli/command.js';

export interface FakeIO extends CliIO {
  out: string[];
  err: string[];
  readonly stdoutText: string;
  readonly stderrText: string;
}

/** A CliIO that records what a command prints; `env` and `cwd` are the test's. */
export function fakeIO(cwd: string, env: NodeJS.ProcessEnv = {}): FakeIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env,
    cwd,
    get stdoutText() {
      return out.join('');
    },
    get stderrText() {
      return err.join('');
    },
  };
}

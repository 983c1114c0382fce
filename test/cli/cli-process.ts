/**
 * Runs the `pecan` command (from the sources, through tsx) or another command in a child process,
 * and waits on its output with bounded waits. Every process started here is killed by `killAll()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const main = path.join(repoRoot, 'src', 'cli', 'main.ts');
const tsx = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the first match of `pattern` in stdout (or stderr); rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or signal) once the process ends; rejects after `ms`. */
  exited(ms?: number): Promise<number | NodeJS.Signals>;
  write(text: string): void;
}

const running = new Set<ChildProcess>();

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** `pecan …` from the sources. */
export function runPecan(args: string[], options: RunOptions = {}): CliProcess {
  return runWatched(process.execPath, ['--import', tsx, main, ...args], options);
}

/** Any command, with its output collected and waited on. */
export function runWatched(command: string, args: string[], options: RunOptions = {}): CliProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so killAll() also reaches the workers and children it starts.
    detached: true,
  });
  running.add(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    notify();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    notify();
  });
  let exit: number | NodeJS.Signals | undefined;
  child.on('exit', (code, signal) => {
    exit = code ?? signal ?? 'SIGKILL';
    // Still in `running`: its process group may outlive it (a --reload child, cluster workers).
    notify();
  });

  const describe = () => `\n--- stdout:\n${out}\n--- stderr:\n${err}`;
  const until = <T>(check: () => T | undefined, ms: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value !== undefined) {
          done();
          resolve(value);
        } else if (exit !== undefined && what !== 'exit') {
          done();
          reject(
            new Error(`${command} ${args.join(' ')} exited (${exit}) before ${what}${describe()}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}${describe()}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(attempt);
      };
      listeners.add(attempt);
      attempt();
    });

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, ms = 10_000, stream = 'stdout') =>
      until(
        () => (stream === 'stdout' ? out : err).match(pattern) ?? undefined,
        ms,
        String(pattern),
      ),
    exited: (ms = 10_000) => until(() => exit, ms, 'exit'),
    write: (text) => void child.stdin!.write(text),
  };
}

/** Kills whatever a test left running, process groups included (call in afterEach). */
export function killAll(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  running.clear();
}

/** `serving on http://127.0.0.1:PORT` → PORT. */
export async function servingPort(cli: CliProcess, ms = 15_000): Promise<number> {
  const match = await cli.waitFor(/serving on http:\/\/127\.0\.0\.1:(\d+)/, ms);
  return Number(match[1]);
}

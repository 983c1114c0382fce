import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { CliIO } from '../command.js';
import { SHUTDOWN_SIGNALS } from './shutdown.js';
import { watchTree } from './watch-tree.js';

// Editors save in bursts (temp file, rename, chmod): wait for the burst to end.
const DEBOUNCE_MS = 150;
const KILL_AFTER_MS = 5000;

/**
 * `pecan serve --reload` (§12.3): this process serves nothing; it runs `pecan serve` (without
 * `--reload`) as a child and restarts it whenever a file under `watchRoot` changes. A child that
 * crashes is started again on the next change.
 */
export function runReloader(
  childArgs: readonly string[],
  watchRoot: string,
  io: CliIO,
): Promise<number> {
  io.stdout(`Monitoring ${watchRoot} for changes...\n`);
  return new Promise((resolve) => {
    let child: ChildProcess | null = null;
    let timer: NodeJS.Timeout | undefined;
    let stopping = false;
    let changed: string | undefined;
    let restarting = false;

    const start = (): void => {
      // The IPC channel tells the child when this process is gone, even killed with SIGKILL.
      const proc = spawn(
        process.execPath,
        [...process.execArgv, process.argv[1] ?? '', ...childArgs],
        { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] },
      );
      child = proc;
      proc.on('exit', (code, signal) => {
        if (child === proc) child = null;
        if (stopping) return finish();
        if (!restarting)
          io.stderr(`server exited (${signal ?? `exit code ${code}`}); waiting for changes\n`);
      });
    };

    const restart = async (): Promise<void> => {
      if (restarting || stopping) return;
      restarting = true;
      io.stdout(`${path.relative(watchRoot, changed ?? '') || watchRoot} changed: restarting\n`);
      await stopChild();
      restarting = false;
      if (!stopping) start();
    };

    const stopChild = (): Promise<void> => {
      const proc = child;
      if (proc === null) return Promise.resolve();
      return new Promise((done) => {
        const kill = setTimeout(() => proc.kill('SIGKILL'), KILL_AFTER_MS);
        proc.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        proc.kill('SIGTERM');
      });
    };

    const watcher = watchTree(watchRoot, (file) => {
      changed = file;
      clearTimeout(timer);
      timer = setTimeout(() => void restart(), DEBOUNCE_MS);
    });

    const finish = (): void => {
      watcher.close();
      clearTimeout(timer);
      resolve(0);
    };

    for (const signal of SHUTDOWN_SIGNALS) {
      process.on(signal, () => {
        if (stopping) return;
        stopping = true;
        if (child === null) finish();
        else child.kill('SIGTERM');
      });
    }
    start();
  });
}

import cluster, { type Worker } from 'node:cluster';
import type { CliIO } from '../command.js';
import { servingLine } from './server-address.js';
import { SHUTDOWN_SIGNALS } from './shutdown.js';

/**
 * `pecan serve --workers N` (DESIGN §3 "Production"): the primary forks N workers that each run
 * the same `pecan serve` command and share the port, restarts a worker that dies, and on
 * SIGTERM/SIGINT asks every worker to drain and waits for them. A worker that dies before it
 * ever listened (a broken app or config) stops the whole server instead of looping.
 */
export function runPrimary(workers: number, shutdownTimeoutMs: number, io: CliIO): Promise<number> {
  io.stdout(`Starting server in PID ${process.pid} with ${workers} workers\n`);
  return new Promise((resolve) => {
    let stopping = false;
    let exitCode = 0;
    let announced = false;
    const listening = new WeakSet<Worker>();

    const fork = (): void => {
      const worker = cluster.fork();
      io.stdout(`worker ${worker.process.pid} started\n`);
    };

    const stop = (code: number): void => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      const alive = Object.values(cluster.workers ?? {}).filter(
        (w): w is Worker => w !== undefined,
      );
      if (alive.length === 0) return resolve(exitCode);
      for (const worker of alive) worker.process.kill('SIGTERM');
      // Workers bound their own drain; this is the backstop if one hangs anyway.
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      }, shutdownTimeoutMs + 2000).unref();
    };

    cluster.on('listening', (worker, address) => {
      listening.add(worker);
      if (announced) return;
      announced = true;
      io.stdout(`${servingLine(address.address ?? '0.0.0.0', address.port)}\n`);
    });

    cluster.on('exit', (worker, code, signal) => {
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (stopping) {
        // A worker cut off by the SIGKILL backstop (or failing its drain) fails the shutdown.
        if (code !== 0 && signal !== 'SIGTERM') exitCode = 1;
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
        return;
      }
      if (!listening.has(worker)) {
        io.stderr(`worker ${worker.process.pid} exited (${how}) before it could serve: stopping\n`);
        return stop(1);
      }
      io.stderr(`worker ${worker.process.pid} died (${how}): starting a new one\n`);
      fork();
    });

    for (const signal of SHUTDOWN_SIGNALS) {
      process.on(signal, () => {
        // Ctrl+C twice: the workers got the terminal's second SIGINT too, and exit at once.
        if (stopping && signal === 'SIGINT') process.exit(1);
        if (!stopping) io.stdout(`${signal}: stopping ${workers} workers\n`);
        stop(0);
      });
    }
    for (let i = 0; i < workers; i++) fork();
  });
}

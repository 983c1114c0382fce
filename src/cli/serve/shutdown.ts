import type { Server } from 'node:http';
import type { CliIO } from '../command.js';
import { drainServer } from '../../config/drain-server.js';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * SIGTERM/SIGINT drain the server (in-flight requests finish, up to `timeoutMs`) and exit: 0
 * when everything finished, 1 when connections had to be cut. While draining, another SIGINT
 * (Ctrl+C again) exits at once; another SIGTERM is ignored, because supervisors send it twice
 * (Ctrl+C reaches a cluster worker or `--reload` child, then its parent's SIGTERM follows).
 */
export function exitOnSignals(server: Server, timeoutMs: number, io: CliIO): void {
  let draining = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (draining) {
      if (signal !== 'SIGINT') return;
      io.stderr(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    draining = true;
    const drained = drainServer(server, timeoutMs); // stops listening before it returns
    io.stdout(`${signal}: finishing in-flight requests (PID ${process.pid})\n`);
    void drained.then((clean) => {
      if (!clean) io.stderr(`shutdown timeout (${timeoutMs} ms): cut the connections still open\n`);
      process.exit(clean ? 0 : 1);
    });
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
}

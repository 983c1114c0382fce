import type { Server } from 'node:http';

// A keep-alive connection becomes idle once its in-flight response is sent; sweep for those.
const SWEEP_MS = 50;

/**
 * Graceful shutdown of one server (DESIGN §3 "Production"), as `pecan serve` does it and as a
 * custom entry point (a Passenger startup file, say) can: stop accepting connections, close
 * the idle keep-alive ones, let in-flight requests finish, and close each connection as it goes
 * idle. Resolves true when everything finished in time; after `timeoutMs` the remaining
 * connections are cut and it resolves false.
 */
export function drainServer(server: Server, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
    const timer = setTimeout(() => {
      clearInterval(sweep);
      server.closeAllConnections();
      resolve(false);
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve(true);
    });
    server.closeIdleConnections();
  });
}

/**
 * Serving a `deploy()`ed service from an entry point of its own, as Apache + Passenger host it
 * (deploy/apache/): Passenger's Node loader takes over `listen()` — the app answers on
 * Passenger's socket, whatever host and port are passed — and shuts an app process down by
 * closing its stdin, announced as `PhusionPassenger`'s 'exit' event (the loader exits at once
 * unless the app listens for it). Outside Passenger the same entry listens on the config's
 * address and stops on SIGTERM/SIGINT. Either way the shutdown is graceful: no new requests,
 * the background workers finish the work in hand, in-flight requests complete, then exit.
 */
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { createAccessLogger, createServer, drainServer, type LoadedApp } from 'pecan';

export interface HostedOptions {
  /** Stops the service's background workers after the work in hand (outbox, reconciler). */
  quiesce: () => Promise<void>;
  /** How long in-flight requests may take to finish before their connections are cut (ms). */
  shutdownTimeoutMs?: number;
  log?: (line: string) => void;
}

/** Listens (on Passenger's socket when hosted by it) and wires the graceful shutdown. */
export function serveHosted(app: LoadedApp, options: HostedOptions): Server {
  const { host, port } = app.config.server as { host?: string; port?: number };
  const log = options.log ?? ((line: string) => console.log(line));
  // As `pecan serve` does: request ids and the access log (JSON lines on stdout, which
  // Passenger copies into Apache's error log), unless the config's app section turns them off.
  const appSection = app.config.app as { requestId?: unknown; accessLog?: unknown } | undefined;
  if (appSection?.requestId !== false) app.app.requestIdHeader ??= 'X-Request-Id';
  if (appSection?.accessLog !== false) app.app.accessLog ??= createAccessLogger(app.config.logging);
  const server = createServer(app);
  const passenger = (globalThis as { PhusionPassenger?: EventEmitter }).PhusionPassenger;
  server.listen(port ?? 8080, host ?? '127.0.0.1', () => {
    log(passenger ? `serving under Passenger (PID ${process.pid})` : `serving on ${host}:${port}`);
  });

  let stopping = false;
  const shutdown = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping (PID ${process.pid})`);
    const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
    void Promise.all([drainServer(server, timeoutMs), options.quiesce()]).then(([clean]) =>
      process.exit(clean ? 0 : 1),
    );
  };
  // With a listener, the loader leaves the exit to us (node-loader.js, shutdown()).
  passenger?.on('exit', () => shutdown('Passenger shutdown'));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal));
  return server;
}

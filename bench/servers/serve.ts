/**
 * What every bench server shares: the port (`PORT`, or any free one), the `listening <port>`
 * line the runner waits for, and a clean exit on SIGTERM/SIGINT (so `--cpu-prof` is written).
 */
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HOST = '127.0.0.1';
export const PORT = Number(process.env.PORT ?? 0);

export function announce(server: http.Server): void {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening ${port}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
}

/** Serves a Node request listener on 127.0.0.1. */
export function serve(listener: RequestListener): void {
  const server = http.createServer(listener);
  server.listen(PORT, HOST, () => announce(server));
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../command.js';
import type { ServerAddress } from './server-address.js';
import {
  DEFAULT_LIMITS,
  applyLimits,
  serverOptions,
  type ServerLimits,
} from '../../config/server-limits.js';

/** An HTTP server for the app (which logs its own requests), listening on `address`. */
export async function startServer(
  app: http.RequestListener,
  address: ServerAddress,
  limits: ServerLimits = DEFAULT_LIMITS,
): Promise<http.Server> {
  const server = http.createServer(serverOptions(limits), app);
  applyLimits(server, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (
      code === 'EADDRINUSE' ||
      code === 'EACCES' ||
      code === 'EADDRNOTAVAIL' ||
      code === 'ENOTFOUND'
    ) {
      throw new CliError(`cannot listen on ${address.host}:${address.port} (${code})`);
    }
    throw error;
  });
  return server;
}

/** The port the server really got (differs from the requested one for port 0). */
export function boundPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

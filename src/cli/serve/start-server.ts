import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/logger.js';
import { CliError } from '../command.js';
import { logAccess } from './access-log.js';
import type { ServerAddress } from './server-address.js';

/**
 * An HTTP server for the app, listening on `address`. The access log listener goes first, so
 * its `finish` handler is in place before the app can answer.
 */
export async function startServer(
  app: http.RequestListener,
  address: ServerAddress,
  accessLogger: Logger,
): Promise<http.Server> {
  const server = http.createServer();
  logAccess(server, accessLogger);
  server.on('request', app);
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

import { CliError } from '../command.js';

export interface ServerAddress {
  host: string;
  port: number;
}

// §11.5: Pecan's defaults (its port is the string '8080'; we take either).
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_PORT = 8080;

/**
 * A TCP port from a flag or the config: an integer 0–65535 (0: any free port). A bad flag is a
 * usage error (status 2), a bad config value a plain one.
 */
export function parsePort(value: unknown, where: string, exitCode = 2): number {
  const port =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`${where}: "${String(value)}" is not a port number (0–65535)`, exitCode);
  }
  return port;
}

/** Flags win over the config's `server` section, which wins over the defaults (§12.3). */
export function resolveAddress(
  server: { host?: unknown; port?: unknown } | undefined,
  flags: { host?: string | undefined; port?: number | undefined },
): ServerAddress {
  const host =
    flags.host ??
    (typeof server?.host === 'string' && server.host !== '' ? server.host : DEFAULT_HOST);
  const port =
    flags.port ??
    (server?.port !== undefined && server.port !== null
      ? parsePort(server.port, 'server.port in the config', 1)
      : DEFAULT_PORT);
  return { host, port };
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** §12.3: the startup line, as Pecan prints it (a wildcard host gets a loopback URL to click). */
export function servingLine(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') {
    return `serving on ${urlHost(host)}:${port}, view at http://127.0.0.1:${port}`;
  }
  return `serving on http://${urlHost(host)}:${port}`;
}

/** Whether only this machine can connect to `host` (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The limits of the Node server `pecan serve` runs (and `createServer` builds for a `deploy()`ed
 * app), from the config's `server` section. Node's
 * own defaults suit a server behind a proxy; one exposed directly needs them tighter: a client
 * that trickles its headers or body (slowloris) is cut off after `headersTimeout` or
 * `requestTimeout`, and `maxConnections` bounds what one host can hold open.
 */
import http from 'node:http';
import { conf } from './global-config.js';

export interface ServerLimits {
  /** Milliseconds to receive the whole request head (Node: 60 s). */
  headersTimeout: number;
  /** Milliseconds to receive the whole request, body included (Node: 300 s). */
  requestTimeout: number;
  /** Milliseconds an idle keep-alive connection stays open (Node: 5 s). */
  keepAliveTimeout: number;
  /** Largest request head in bytes (Node: 16 KiB); beyond it → 431. */
  maxHeaderSize: number;
  /** Open connections at most; more are refused until some close (Node: no cap). */
  maxConnections: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  headersTimeout: 20_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
  maxHeaderSize: 16_384,
  maxConnections: 1_000,
});

const NAMES = Object.keys(DEFAULT_LIMITS) as (keyof ServerLimits)[];

/**
 * The limits from `server` (config values win over the defaults); a bad value is a
 * `RangeError` naming the key.
 */
export function resolveLimits(server: Record<string, unknown> | undefined): ServerLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const name of NAMES) {
    const value = server?.[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
      throw new RangeError(
        `server.${name} in the config must be a positive integer, not ${String(value)}`,
      );
    limits[name] = value;
  }
  if (limits.headersTimeout > limits.requestTimeout)
    throw new RangeError(
      `server.headersTimeout (${limits.headersTimeout}) cannot exceed server.requestTimeout (${limits.requestTimeout})`,
    );
  return limits;
}

/** The `http.createServer` options for `limits`. */
export function serverOptions(limits: ServerLimits): http.ServerOptions {
  return {
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    maxHeaderSize: limits.maxHeaderSize,
    // Node checks the two timeouts on this interval (30 s by default): a short timeout is only
    // as good as the check, so check at least as often as the shorter one.
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeout),
  };
}

/** Applies what is a property of the server rather than an option. */
export function applyLimits(server: http.Server, limits: ServerLimits): void {
  server.maxConnections = limits.maxConnections;
}

/**
 * A Node HTTP server for `app` with the limits of the config's `server` section (by default
 * the global `conf`, as `deploy()` and `loadApp` set it): the server `pecan serve` would start,
 * for a custom entry point — `createServer(await deploy('config.js')).listen(port, host)`.
 */
export function createServer(
  app: http.RequestListener,
  server: Record<string, unknown> | undefined = conf.server as Record<string, unknown>,
): http.Server {
  const limits = resolveLimits(server);
  const created = http.createServer(serverOptions(limits), app);
  applyLimits(created, limits);
  return created;
}

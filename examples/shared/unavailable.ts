/**
 * While the database is unreachable (restarting, failed over, out of connections) a request
 * that needs it is answered at once with 503 Service Unavailable and a Retry-After, as a load
 * balancer or a client retries it — not with a 500 that reads as a bug, and never by hanging.
 * The process stays up, and the pool reconnects by itself when the server is back.
 *
 * A write refused by admission control (write-gate.ts, `Overloaded`) is answered the same way,
 * with its own words and Retry-After: the database is there, the service is busy.
 */
import { STATUS_CODES } from 'node:http';
import { PecanHook, type Logger, type State } from 'pecan';
import { Overloaded } from './write-gate.js';

/** Errors that say "the database is not there now", not "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
  // The network: the server is down or restarting.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL's SQLSTATEs: shutting down, starting up, crashed, connection failures, full.
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // SQLite: another process held the lock longer than busy_timeout.
  'SQLITE_BUSY',
]);

/** node-postgres says these in words only. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /Client was closed/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}

export interface UnavailableOptions {
  logger?: Logger | undefined;
  /** Seconds a client is asked to wait (Retry-After). Default 5. */
  retryAfterSec?: number;
  /** Whether a request is for the JSON API (answered in JSON; pages get plain text). */
  isApi(state: State): boolean;
}

/**
 * Priority 40: onError hooks run from the highest priority down, so the TransactionHook (100)
 * has marked the transaction for rollback, and the services' own error hooks (50), which
 * leave such errors alone, have passed.
 */
export class DatabaseUnavailableHook extends PecanHook {
  override priority = 40;
  readonly #options: UnavailableOptions;
  #lastLogged = 0;

  constructor(options: UnavailableOptions) {
    super();
    this.#options = options;
  }

  override onError(state: State, error: unknown): Response | undefined {
    const overloaded = error instanceof Overloaded;
    if (!overloaded && !isDatabaseUnavailable(error)) return undefined;
    // One line every few seconds, not one per request of an outage or an overload.
    if (Date.now() - this.#lastLogged > 5000) {
      this.#lastLogged = Date.now();
      this.#options.logger?.warn(
        overloaded
          ? `overloaded, answering 503 to writes: ${error.message}`
          : `database unavailable, answering 503: ${(error as Error).message}`,
      );
    }
    const retryAfter = String(
      overloaded ? error.retryAfterSec : (this.#options.retryAfterSec ?? 5),
    );
    const description = overloaded
      ? error.message
      : 'The database is unavailable for a moment; try again shortly.';
    if (this.#options.isApi(state)) {
      const body = { code: 503, title: STATUS_CODES[503], description };
      return Response.json(body, { status: 503, headers: { 'Retry-After': retryAfter } });
    }
    return new Response(`${description}\n`, {
      status: 503,
      headers: { 'Retry-After': retryAfter, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}

/** For the hooks' `isApi`: the services' REST APIs live under /v1. */
export function isApiPath(state: State): boolean {
  const path = state.request.path;
  return path === '/v1' || path.startsWith('/v1/');
}

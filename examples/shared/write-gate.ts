/**
 * Admission control for the API's writes. A request's write transaction first takes a slot
 * here: `concurrency` of them are open at once (1 for SQLite, whose one connection serialises
 * writers anyway; the pool size for PostgreSQL), the others wait in order. A request that would
 * wait longer than `maxWaitMs`, or find `maxQueue` requests already waiting, is refused with
 * `Overloaded` — answered 503 Service Unavailable with a Retry-After (unavailable.ts) — rather
 * than queued without bound: a client told to come back later is better served than one whose
 * answer comes after its own timeout, and a refused request has written nothing. A request
 * that got its slot goes on to commit as before, so a 201/202 still means committed.
 *
 * The gate also sheds writes while the process is overloaded as a whole: when the event loop
 * lags more than `maxEventLoopDelayMs` (a CPU that cannot keep up, whatever the cause), a write
 * is refused before it adds to the work. Reads are never refused here: they are cheap, and
 * they are how clients follow the work already accepted. @fastify/under-pressure sheds load on
 * the same signal.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface WriteGateOptions {
  /** Write transactions open at once. */
  concurrency: number;
  /** The longest a write waits for its slot before it is refused (ms). */
  maxWaitMs: number;
  /** Writes waiting at most; one more is refused at once. */
  maxQueue: number;
  /** Refuse writes while the event loop's delay (its mean over ~1 s) is above this (ms); 0: never. */
  maxEventLoopDelayMs: number;
  /** The Retry-After of a refusal, seconds. */
  retryAfterSec: number;
}

export const DEFAULT_WRITE_GATE: Omit<WriteGateOptions, 'concurrency'> = {
  maxWaitMs: 1000,
  maxQueue: 500,
  maxEventLoopDelayMs: 200,
  retryAfterSec: 1,
};

/** A write refused by admission control; answered 503 with `Retry-After: retryAfterSec`. */
export class Overloaded extends Error {
  override name = 'Overloaded';
  constructor(
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(message);
  }
}

export interface WriteGateStats {
  admitted: number;
  /** Refused because `maxQueue` writes were waiting. */
  refusedFull: number;
  /** Refused after waiting `maxWaitMs`. */
  refusedTimeout: number;
  /** Refused because the event loop lagged. */
  refusedLag: number;
}

interface Waiter {
  grant(release: () => void): void;
  timer: NodeJS.Timeout;
}

export class WriteGate {
  readonly options: WriteGateOptions;
  readonly stats: WriteGateStats = {
    admitted: 0,
    refusedFull: 0,
    refusedTimeout: 0,
    refusedLag: 0,
  };
  #active = 0;
  readonly #waiting: Waiter[] = [];
  readonly #lag: LagMonitor | null;

  /** Options left unset (or `undefined`, as settings read from a file leave them) take the defaults. */
  constructor(
    options: { [K in keyof WriteGateOptions]?: number | undefined } & { concurrency: number },
  ) {
    this.options = { ...DEFAULT_WRITE_GATE, concurrency: options.concurrency };
    for (const key of Object.keys(DEFAULT_WRITE_GATE) as (keyof typeof DEFAULT_WRITE_GATE)[]) {
      const value = options[key];
      if (value !== undefined) this.options[key] = value;
    }
    const { concurrency, maxWaitMs, maxQueue, maxEventLoopDelayMs, retryAfterSec } = this.options;
    for (const [name, value, least] of [
      ['concurrency', concurrency, 1],
      ['maxWaitMs', maxWaitMs, 0],
      ['maxQueue', maxQueue, 0],
      ['maxEventLoopDelayMs', maxEventLoopDelayMs, 0],
      ['retryAfterSec', retryAfterSec, 0],
    ] as const)
      if (!Number.isInteger(value) || value < least)
        throw new Error(`admission: \`${name}\` must be a whole number of at least ${least}`);
    this.#lag = maxEventLoopDelayMs > 0 ? new LagMonitor() : null;
  }

  /** Writes holding a slot now. */
  get active(): number {
    return this.#active;
  }

  /** Writes waiting for a slot now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** The event loop's recent mean delay (ms), as the gate judges it; 0 when not watched. */
  get eventLoopDelayMs(): number {
    return this.#lag?.meanMs() ?? 0;
  }

  /** Takes a slot; resolves to its release (call it once the transaction ended), or refuses. */
  acquire(): Promise<() => void> {
    const { concurrency, maxQueue, maxWaitMs, maxEventLoopDelayMs, retryAfterSec } = this.options;
    if (this.#lag && this.#lag.meanMs() > maxEventLoopDelayMs) {
      this.stats.refusedLag++;
      return Promise.reject(
        new Overloaded('The service is overloaded; try again shortly.', retryAfterSec),
      );
    }
    if (this.#active < concurrency && this.#waiting.length === 0)
      return Promise.resolve(this.#take());
    if (this.#waiting.length >= maxQueue) {
      this.stats.refusedFull++;
      return Promise.reject(
        new Overloaded('Too many writes are waiting; try again shortly.', retryAfterSec),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          const index = this.#waiting.indexOf(waiter);
          if (index >= 0) this.#waiting.splice(index, 1);
          this.stats.refusedTimeout++;
          reject(
            new Overloaded(
              `No write could start within ${maxWaitMs} ms; try again shortly.`,
              retryAfterSec,
            ),
          );
        }, maxWaitMs),
      };
      this.#waiting.push(waiter);
    });
  }

  /** Stops watching the event loop (the service stops). */
  close(): void {
    this.#lag?.close();
  }

  #take(): () => void {
    this.#active++;
    this.stats.admitted++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      const next = this.#waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.grant(this.#take());
      }
    };
  }
}

/**
 * The event loop's delay, from Node's own histogram (libuv timers, 20 ms resolution), judged
 * over the last full second: one slow tick does not shed load, a second of them does.
 */
class LagMonitor {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  #last = 0;
  #windowStart = Date.now();

  constructor() {
    this.#histogram.enable();
  }

  meanMs(): number {
    const now = Date.now();
    if (now - this.#windowStart >= 1000) {
      // The histogram's mean counts its 20 ms sampling interval in; what it lags is the rest.
      const mean = this.#histogram.count > 0 ? this.#histogram.mean / 1e6 - 20 : 0;
      this.#last = Math.max(0, mean);
      this.#histogram.reset();
      this.#windowStart = now;
    }
    return this.#last;
  }

  close(): void {
    this.#histogram.disable();
  }
}

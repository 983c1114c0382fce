/**
 * The deployment test's HTTP client, with the retry a client of the services is documented to
 * need (docs/deployment.md, "Restarts"): a request that meets a refused or reset connection, or
 * a 502/503/504 from the front server while an app process restarts, is tried again up to
 * RETRIES more times, 250 ms × 2ⁿ apart. Every retry and every failure is counted.
 */
export const RETRIES = 5;
const RETRY_STATUSES = new Set([502, 503, 504]);

export interface Counts {
  requests: number;
  retried: number;
  /** Why requests were retried: a status or an error code, and how often. */
  retriedFor: Record<string, number>;
  failed: number;
  failures: string[];
}

export const counts: Counts = { requests: 0, retried: 0, retriedFor: {}, failed: 0, failures: [] };

function retrying(reason: string): void {
  counts.retriedFor[reason] = (counts.retriedFor[reason] ?? 0) + 1;
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
  attempts: number;
}

/**
 * One logical request. `acceptAfterRetry` lists statuses that mean "an earlier attempt already
 * did it" (a retried POST whose first attempt committed gets 409 for its name).
 */
export async function call(
  method: string,
  url: string,
  body?: unknown,
  expect: number[] = [200],
  acceptAfterRetry: number[] = [],
): Promise<Answer> {
  counts.requests++;
  let lastProblem = '';
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt > 0) {
      counts.retried++;
      await sleep(250 * 2 ** (attempt - 1));
    }
    try {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      if (RETRY_STATUSES.has(response.status)) {
        if (attempt < RETRIES) retrying(String(response.status));
        lastProblem = `${response.status} ${text.slice(0, 200)}`;
        continue;
      }
      const ok =
        expect.includes(response.status) ||
        (attempt > 0 && acceptAfterRetry.includes(response.status));
      if (!ok) {
        lastProblem = `${response.status} ${text.slice(0, 300)}`;
        break;
      }
      const json = text !== '' && response.headers.get('content-type')?.includes('json');
      return {
        status: response.status,
        body: json ? JSON.parse(text) : text,
        headers: response.headers,
        attempts: attempt + 1,
      };
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause;
      if (attempt < RETRIES) retrying(cause?.code ?? (error as Error).name);
      lastProblem = String(cause ?? error);
    }
  }
  counts.failed++;
  counts.failures.push(`${method} ${url}: ${lastProblem}`);
  throw new Error(`${method} ${url} failed: ${lastProblem}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it returns a value, or fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(everyMs);
  }
}

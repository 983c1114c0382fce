/** Exponential backoff with full jitter, capped: the delay before attempt `attempt + 1`. */
export interface BackoffPolicy {
  /** Delay after the first failure, in ms. */
  initialMs: number;
  /** Upper bound of any delay, in ms. */
  maxMs: number;
  /** Growth per failure (2 doubles it). */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * `attempt` counts from 1 (the attempt that just failed). Half the delay is fixed and half is
 * random, so that many clients retrying after one outage spread out without ever retrying at
 * once.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.factor ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

import type { Action } from './action.js';
import { DeliveryError } from './action.js';

export interface WebhookSettings {
  /** How long one attempt may take, connection and response included (ms). */
  timeoutMs: number;
}

/**
 * The `webhook` action: POSTs the alarm as JSON (`{ "alarm": {...} }`) to the definition's URL.
 * A 2xx is a delivery. A timeout, a network error, a 5xx, a 408 or a 429 is worth another
 * attempt; any other answer (a 404, a 400 …) will not change by retrying, so it is permanent.
 */
export function webhookAction(settings: WebhookSettings): Action<{ type: 'webhook'; url: string }> {
  return {
    async run(spec, alarm) {
      let response: Response;
      try {
        response = await fetch(spec.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'pecan-notifier' },
          body: JSON.stringify({ alarm }),
          signal: AbortSignal.timeout(settings.timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        throw new DeliveryError(describeFailure(error, settings.timeoutMs));
      }
      // The body is not needed; reading it frees the connection for reuse.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      const retry = response.status >= 500 || response.status === 408 || response.status === 429;
      throw new DeliveryError(`HTTP ${response.status} ${response.statusText}`.trim(), !retry);
    },
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs} ms`;
  // fetch() wraps the network error ("fetch failed"); its cause says what happened.
  const cause = error instanceof Error ? (error.cause as Error | undefined) : undefined;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

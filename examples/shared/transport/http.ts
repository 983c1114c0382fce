/**
 * The `http` transport: the publisher POSTs each notification as JSON to the subscriber's
 * `POST /v1/notifications`. The subscriber's controller is the receiving end, so there is no
 * receiver to start here.
 */
import { PermanentError } from '../outbox.js';
import type { Notification } from '../notification.js';
import type { NotificationReceiver, NotificationSender } from './transport.js';

export interface HttpTransportSettings {
  kind: 'http';
  /**
   * Where the publisher sends: the subscriber's notifications URL, e.g.
   * http://127.0.0.1:8081/v1/notifications. The subscriber's side needs none.
   */
  url?: string;
  /** Per attempt; the outbox retries after it. Default 5 s. */
  timeoutMs?: number;
}

export class HttpSender implements NotificationSender {
  private readonly url: string;

  constructor(private readonly settings: HttpTransportSettings) {
    if (!settings.url) throw new Error('transport http: set `url`, where notifications are sent');
    this.url = settings.url;
  }

  async send(notification: Notification): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(notification),
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000),
    });
    const text = await response.text();
    if (response.ok) return;
    const problem = `${this.url} answered ${response.status}: ${text.slice(0, 300)}`;
    // A 4xx is the receiver refusing this notification; sending it again will not change that.
    // 408 and 429 are the exceptions: they ask to come back later.
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw retryable ? new Error(problem) : new PermanentError(problem);
  }

  async close(): Promise<void> {}
}

export class HttpReceiver implements NotificationReceiver {
  async start(): Promise<void> {}
  async close(): Promise<void> {}
}

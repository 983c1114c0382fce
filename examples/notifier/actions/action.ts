/**
 * One interface for every alarm action: `run(spec, alarm)` performs one delivery attempt and
 * resolves when it is done, or throws. Retrying is not the action's business: each attempt is
 * a job of the outbox dispatcher (shared/outbox.ts), which retries with backoff and parks a job
 * that keeps failing, so a slow or broken target never holds up other alarms.
 */
import type { ActionSpec, ActionType } from '../domain/action-specs.js';
import type { AlarmView } from '../domain/alarm-view.js';

export interface Action<S extends ActionSpec = ActionSpec> {
  run(spec: S, alarm: AlarmView): Promise<void>;
  /** Frees connections at shutdown. */
  close?(): void | Promise<void>;
}

/** One action per type, as configured: see actions/create-actions.ts. */
export type Actions = { [T in ActionType]: Action<Extract<ActionSpec, { type: T }>> };

/**
 * A failed attempt. `permanent` says another attempt would fail the same way (a webhook's 404,
 * an SMTP server refusing a recipient): the job is parked at once instead of retried.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * The one-line summary used by the log line and the e-mail's subject. Plain ASCII (deployment
 * names are), so the subject travels unencoded and reads the same in any mail client's filter.
 */
export function alarmSummary(alarm: AlarmView): string {
  const subject = alarm.deployment
    ? `deployment ${alarm.deployment.name}`
    : alarm.stack
      ? `stack ${alarm.stack.name}`
      : 'no deployment';
  return (
    `[${alarm.severity.toUpperCase()}] ${alarm.definition.name}: ` +
    `${subject} (${alarm.notification.eventType})`
  );
}

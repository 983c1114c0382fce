/**
 * An alarm as the REST API, the web page, the webhook and the e-mail show it. camelCase, as
 * pecan's own resources are (the notification envelope alone keeps OpenStack's snake_case).
 */
import type { ActionType } from './action-specs.js';
import type { AlarmState } from './alarm-states.js';
import type { Severity } from './severities.js';

export interface AlarmView {
  id: number;
  state: AlarmState;
  severity: Severity;
  /** The definition that raised it; `id` is null once the definition is deleted. */
  definition: { id: number | null; name: string };
  /**
   * From the notification's payload; null when it names no deployment. `statusReason` is why
   * the lifecycle ended as it did (the payload's `status_reason`), when it says.
   */
  deployment: { id: string; name: string; statusReason: string | null } | null;
  /**
   * The Heat stack, for an alarm raised by Heat's own notifications (`orchestration.*`); null
   * otherwise. For a stack the deployer made, `deployment` is set too.
   */
  stack: { id: string; name: string; statusReason: string | null } | null;
  /** The notification that raised it. */
  notification: { messageId: string; eventType: string; timestamp: string; publisherId: string };
  createdAt: string;
  updatedAt: string;
}

/** One line of an alarm's history: a change of state, or one delivery attempt of an action. */
export type HistoryEntry =
  | {
      kind: 'state';
      at: string;
      from: AlarmState | null;
      to: AlarmState;
      reason: string;
    }
  | {
      kind: 'delivery';
      at: string;
      action: ActionType;
      target: string;
      attempt: number;
      /** `sent`; `failed` (it will be retried); `gave-up` (parked: no more attempts). */
      outcome: 'sent' | 'failed' | 'gave-up';
      error: string | null;
    };

export interface AlarmDetail extends AlarmView {
  history: HistoryEntry[];
}

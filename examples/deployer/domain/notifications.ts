/**
 * The notification each lifecycle event publishes, in OpenStack's envelope: `deployment.create.start`
 * when a create begins, `.end` when it completes, `.error` when it fails; the same for update and
 * delete. The payload keeps OpenStack's snake_case, as Heat's `orchestration.stack.*` do.
 */
import { makeNotification, type Notification } from '../../shared/notification.js';
import { actionOf, stateOf, type Status } from './states.js';

/** The outbox topic whose jobs the dispatcher sends through the transport. */
export const NOTIFICATIONS_TOPIC = 'notifications';

export interface DeploymentPayload extends Record<string, unknown> {
  deployment_id: string;
  name: string;
  app: string;
  size: string;
  count: number;
  region: string;
  status: Status;
  status_reason: string;
}

const PHASES = { IN_PROGRESS: 'start', COMPLETE: 'end', FAILED: 'error' } as const;

/** `CREATE_IN_PROGRESS` → `deployment.create.start`, `DELETE_FAILED` → `deployment.delete.error`. */
export function eventTypeFor(status: Status): string {
  return `deployment.${actionOf(status).toLowerCase()}.${PHASES[stateOf(status)]}`;
}

export function deploymentNotification(
  payload: DeploymentPayload,
  publisherId: string,
  now: Date,
): Notification<DeploymentPayload> {
  return makeNotification(eventTypeFor(payload.status), payload, {
    publisherId,
    priority: stateOf(payload.status) === 'FAILED' ? 'ERROR' : 'INFO',
    now,
  });
}

/**
 * One notification in, processed exactly once: call it inside the transaction that will hold
 * its effects. A message id seen before changes nothing. Otherwise every enabled definition
 * whose pattern matches the event type raises a new alarm and queues its actions (outbox, same
 * transaction), and a successful lifecycle event clears the older open alarms of its
 * deployment (or Heat stack: subject-of.ts).
 * Either all of it commits, with the message id marked processed, or none of it does.
 */
import type { Kysely } from 'kysely';
import { firstDelivery } from '../../shared/inbox.js';
import type { Notification } from '../../shared/notification.js';
import { enqueue } from '../../shared/outbox.js';
import type { ActionSpec } from './action-specs.js';
import { enabledDefinitions } from './alarm-definitions.js';
import { clearOpenAlarms, raiseAlarm, type Clearing } from './alarms.js';
import { bump } from './counters.js';
import { matchesEventType } from './event-pattern.js';
import { isStackLifecycle } from './heat-stack.js';
import type { NotifierDatabase } from './schema.js';
import { describeSubject, subjectOf, type Subject } from './subject-of.js';

/** The outbox topic of alarm actions; its jobs are `ActionJob`s (see actions/deliver.ts). */
export const ACTION_TOPIC = 'alarm-action';

export interface ActionJob {
  alarmId: number;
  action: ActionSpec;
}

export type Receipt =
  { duplicate: true } | { duplicate: false; raised: number[]; cleared: number[] };

export async function receiveNotification(
  q: Kysely<NotifierDatabase>,
  notification: Notification,
): Promise<Receipt> {
  if (!(await firstDelivery(q, notification.message_id))) {
    await bump(q, 'duplicates');
    return { duplicate: true };
  }
  await bump(q, 'received');
  const subject = await subjectOf(q, notification);

  const raised: number[] = [];
  for (const definition of await enabledDefinitions(q)) {
    if (!matchesEventType(definition.eventType, notification.event_type)) continue;
    const alarmId = await raiseAlarm(q, definition, notification, subject);
    raised.push(alarmId);
    for (const action of definition.actions)
      await enqueue(q, ACTION_TOPIC, { alarmId, action } satisfies ActionJob);
  }
  await bump(q, 'alarmsRaised', raised.length);

  let cleared: number[] = [];
  const whose = clearedBy(notification, subject);
  if (whose !== null) {
    const reason = `${notification.event_type}: ${describeSubject(subject)} succeeded`;
    cleared = await clearOpenAlarms(q, whose, raised, reason);
    await bump(q, 'alarmsCleared', cleared.length);
  }
  return { duplicate: false, raised, cleared };
}

/**
 * Whose open alarms a notification resolves: a success of a deployment's lifecycle clears the
 * deployment's alarms, whether the deployer or Heat (the deployment's stack) says it; a success
 * of a stack the deployer did not make clears that stack's. A Heat event other than a stack's
 * lifecycle (autoscaling) clears nothing.
 */
function clearedBy(notification: Notification, { deployment, stack }: Subject): Clearing | null {
  if (!isSuccess(notification)) return null;
  if (stack !== null && !isStackLifecycle(notification.event_type)) return null;
  if (deployment !== null) return { deploymentId: deployment.id };
  if (stack !== null) return { stackId: stack.id };
  return null;
}

/**
 * A lifecycle that finished well: oslo's `<resource>.<action>.end` convention at INFO priority
 * (`deployment.create.end`, `deployment.delete.end`). It resolves what went wrong before.
 */
export function isSuccess(notification: Notification): boolean {
  return notification.priority === 'INFO' && notification.event_type.endsWith('.end');
}

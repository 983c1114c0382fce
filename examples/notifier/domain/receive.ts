/**
 * One notification in, processed exactly once: call it inside the transaction that will hold
 * its effects. A message id seen before changes nothing. Otherwise every enabled definition
 * whose pattern matches the event type raises a new alarm and queues its actions (outbox, same
 * transaction) — except that a Heat notification whose definition already has an open alarm for
 * the same deployment (or stack) adds to that alarm's history instead — and a successful
 * lifecycle event clears the older open alarms of its deployment (or Heat stack: subject-of.ts).
 * Either all of it commits, with the message id marked processed, or none of it does.
 */
import type { Kysely } from 'kysely';
import { firstDelivery } from '../../shared/inbox.js';
import type { Notification } from '../../shared/notification.js';
import { enqueue } from '../../shared/outbox.js';
import type { ActionSpec } from './action-specs.js';
import { enabledDefinitions } from './alarm-definitions.js';
import { clearOpenAlarms, openAlarmOf, raiseAlarm, recordRepeat, type Clearing } from './alarms.js';
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
  | { duplicate: true }
  | {
      duplicate: false;
      raised: number[];
      /** Open alarms the notification matched again (a Heat failure repeated): not raised anew. */
      repeated: number[];
      cleared: number[];
    };

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
  const repeated: number[] = [];
  const heat = heatSubject(subject);
  for (const definition of await enabledDefinitions(q)) {
    if (!matchesEventType(definition.eventType, notification.event_type)) continue;
    const open = heat && (await openAlarmOf(q, definition.id, heat));
    if (open) {
      const reason =
        `${notification.event_type} of stack ${subject.stack!.name} matched ` +
        `${definition.eventType} again (message ${notification.message_id}); the alarm stands`;
      await recordRepeat(q, open, reason);
      repeated.push(open.id);
      continue;
    }
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
  return { duplicate: false, raised, repeated, cleared };
}

/**
 * Whose open alarms a notification resolves: a success of a deployment's lifecycle clears the
 * deployment's alarms, whether the deployer or Heat (the deployment's stack) says it; a success
 * of a stack the deployer did not make clears that stack's. A Heat event other than a stack's
 * lifecycle (autoscaling), or of a deployment's nested stack, clears nothing.
 */
function clearedBy(notification: Notification, subject: Subject): Clearing | null {
  if (!isSuccess(notification)) return null;
  const { deployment, stack } = subject;
  if (stack === null) return deployment && { deploymentId: deployment.id };
  if (!isStackLifecycle(notification.event_type) || stack.nested) return null;
  return heatSubject(subject);
}

/** Whose alarms a Heat notification's are: its deployment's, else its stack's; null if not Heat's. */
function heatSubject({ deployment, stack }: Subject): Clearing | null {
  if (stack === null) return null;
  return deployment ? { deploymentId: deployment.id } : { stackId: stack.id };
}

/**
 * A lifecycle that finished well: oslo's `<resource>.<action>.end` convention at INFO priority
 * (`deployment.create.end`, `deployment.delete.end`). It resolves what went wrong before.
 */
export function isSuccess(notification: Notification): boolean {
  return notification.priority === 'INFO' && notification.event_type.endsWith('.end');
}

/**
 * One notification in, processed exactly once: call it inside the transaction that will hold
 * its effects. A message id seen before changes nothing. Otherwise every enabled definition
 * whose pattern matches the event type raises a new alarm and queues its actions (outbox, same
 * transaction), and a successful lifecycle event clears the deployment's older open alarms.
 * Either all of it commits, with the message id marked processed, or none of it does.
 */
import type { Kysely } from 'kysely';
import { firstDelivery } from '../../shared/inbox.js';
import type { Notification } from '../../shared/notification.js';
import { enqueue } from '../../shared/outbox.js';
import type { ActionSpec } from './action-specs.js';
import { enabledDefinitions } from './alarm-definitions.js';
import { clearOpenAlarms, raiseAlarm } from './alarms.js';
import { bump } from './counters.js';
import { deploymentOf } from './deployment-of.js';
import { matchesEventType } from './event-pattern.js';
import type { NotifierDatabase } from './schema.js';

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
  const deployment = deploymentOf(notification.payload);

  const raised: number[] = [];
  for (const definition of await enabledDefinitions(q)) {
    if (!matchesEventType(definition.eventType, notification.event_type)) continue;
    const alarmId = await raiseAlarm(q, definition, notification, deployment);
    raised.push(alarmId);
    for (const action of definition.actions)
      await enqueue(q, ACTION_TOPIC, { alarmId, action } satisfies ActionJob);
  }
  await bump(q, 'alarmsRaised', raised.length);

  let cleared: number[] = [];
  if (deployment !== null && isSuccess(notification)) {
    const reason = `${notification.event_type}: deployment ${deployment.name} succeeded`;
    cleared = await clearOpenAlarms(q, deployment.id, raised, reason);
    await bump(q, 'alarmsCleared', cleared.length);
  }
  return { duplicate: false, raised, cleared };
}

/**
 * A lifecycle that finished well: oslo's `<resource>.<action>.end` convention at INFO priority
 * (`deployment.create.end`, `deployment.delete.end`). It resolves what went wrong before.
 */
export function isSuccess(notification: Notification): boolean {
  return notification.priority === 'INFO' && notification.event_type.endsWith('.end');
}

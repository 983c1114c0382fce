/**
 * The outbox handler of alarm actions: one job is one action of one alarm, and one call is one
 * attempt. Each attempt is written to the alarm's history — sent, failed (to be retried), or
 * given up (permanent failure, or the last attempt) — in a short transaction of its own, after
 * the network call, never around it. The dispatcher retries with backoff and parks the job.
 */
import type { Kysely } from 'kysely';
import { PermanentError, type JobHandler } from '../../shared/outbox.js';
import { actionTarget } from '../domain/action-specs.js';
import { getAlarm } from '../domain/alarms.js';
import { bump } from '../domain/counters.js';
import { recordDelivery, type DeliveryRecord } from '../domain/history.js';
import type { ActionJob } from '../domain/receive.js';
import type { NotifierDatabase } from '../domain/schema.js';
import { DeliveryError, type Action, type Actions } from './action.js';

export function deliveryHandler(db: Kysely<NotifierDatabase>, actions: Actions): JobHandler {
  return async (body, job) => {
    const { alarmId, action } = body as ActionJob;
    const run = actions[action?.type] as Action | undefined;
    if (run === undefined) throw new PermanentError(`unknown action ${JSON.stringify(action)}`);
    const found = await getAlarm(db, alarmId);
    if (found === null) throw new PermanentError(`alarm ${alarmId} no longer exists`);
    const { history: _history, ...alarm } = found;

    const entry: DeliveryRecord = {
      at: new Date().toISOString(),
      action: action.type,
      target: actionTarget(action),
      attempt: job.attempt,
      outcome: 'sent',
      error: null,
    };
    try {
      await run.run(action, alarm);
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.permanent;
      const message = error instanceof Error ? error.message : String(error);
      const last = permanent || job.attempt >= job.maxAttempts;
      await record(db, alarmId, { ...entry, outcome: last ? 'gave-up' : 'failed', error: message });
      throw permanent ? new PermanentError(message) : error;
    }
    await record(db, alarmId, entry);
  };
}

async function record(db: Kysely<NotifierDatabase>, alarmId: number, entry: DeliveryRecord) {
  await db.transaction().execute(async (trx) => {
    await recordDelivery(trx, alarmId, entry);
    if (entry.outcome === 'sent') await bump(trx, 'deliveriesSent');
    else await bump(trx, 'deliveriesFailed');
    if (entry.outcome === 'gave-up') await bump(trx, 'deliveriesGivenUp');
  });
}

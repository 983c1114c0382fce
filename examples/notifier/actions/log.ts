import type { Logger } from 'pecan';
import type { Action } from './action.js';
import { alarmSummary } from './action.js';

/**
 * The `log` action: one structured line in the service's log — the readable summary, then the
 * fields as one object (a JSON logger keeps them as fields). A critical alarm is a warning, the
 * others are information.
 */
export function logAction(logger: Logger): Action<{ type: 'log' }> {
  return {
    run(_spec, alarm) {
      const fields = {
        alarmId: alarm.id,
        state: alarm.state,
        severity: alarm.severity,
        definition: alarm.definition.name,
        deploymentId: alarm.deployment?.id ?? null,
        deploymentName: alarm.deployment?.name ?? null,
        stackId: alarm.stack?.id ?? null,
        stackName: alarm.stack?.name ?? null,
        eventType: alarm.notification.eventType,
        messageId: alarm.notification.messageId,
      };
      const line = `alarm ${alarm.id} ${alarmSummary(alarm)}`;
      if (alarm.severity === 'critical') logger.warn(line, fields);
      else logger.info(line, fields);
      return Promise.resolve();
    },
  };
}

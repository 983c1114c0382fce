import { describe, expect, it } from 'vitest';
import { logAction } from '../actions/log.js';
import { memoryLogger, sampleAlarm } from './fixtures.js';

describe('log action', () => {
  it('writes one line with the alarm as fields, a warning when critical', async () => {
    const { lines, logger } = memoryLogger();
    await logAction(logger).run({ type: 'log' }, sampleAlarm());
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'alarm 7 [CRITICAL] deployment-failed: deployment shop (deployment.create.error)',
        details: [
          {
            alarmId: 7,
            state: 'alarm',
            severity: 'critical',
            definition: 'deployment-failed',
            deploymentId: 'd-42',
            deploymentName: 'shop',
            stackId: null,
            stackName: null,
            eventType: 'deployment.create.error',
            messageId: '6b1a1f9e-8f52-4a8e-9a43-54c4a1a0b3c1',
          },
        ],
      },
    ]);
  });

  it("names a Heat stack's alarm by its stack", async () => {
    const { lines, logger } = memoryLogger();
    const stack = { id: 'f3c1d2b4-0000-4000-8000-000000000001', name: 'web', statusReason: null };
    await logAction(logger).run({ type: 'log' }, sampleAlarm({ deployment: null, stack }));
    expect(lines[0]).toMatchObject({
      message: 'alarm 7 [CRITICAL] deployment-failed: stack web (deployment.create.error)',
      details: [{ deploymentId: null, stackId: stack.id, stackName: 'web' }],
    });
  });

  it('logs other severities as information', async () => {
    const { lines, logger } = memoryLogger();
    await logAction(logger).run({ type: 'log' }, sampleAlarm({ severity: 'low' }));
    expect(lines.map((line) => line.level)).toEqual(['info']);
  });
});

import type { AlarmView } from '../domain/alarm-view.js';

/** An alarm as the actions receive it. */
export function sampleAlarm(overrides: Partial<AlarmView> = {}): AlarmView {
  return {
    id: 7,
    state: 'alarm',
    severity: 'critical',
    definition: { id: 2, name: 'deployment-failed' },
    deployment: { id: 'd-42', name: 'shop', statusReason: 'Stack CREATE failed: quota exceeded' },
    stack: null,
    notification: {
      messageId: '6b1a1f9e-8f52-4a8e-9a43-54c4a1a0b3c1',
      eventType: 'deployment.create.error',
      timestamp: '2026-12-04T18:00:00.000Z',
      publisherId: 'deployer.host-1',
    },
    createdAt: '2026-12-04T18:00:01.000Z',
    updatedAt: '2026-12-04T18:00:01.000Z',
    ...overrides,
  };
}

/** A logger that keeps its lines. */
export function memoryLogger() {
  const lines: { level: string; message: string; details: unknown[] }[] = [];
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      lines.push({ level, message, details });
  return {
    lines,
    logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') },
  };
}

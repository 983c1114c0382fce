/**
 * The reference system's end-to-end flow, run by system.test.ts on the embedded defaults
 * (SQLite, http) and by services/system.test.ts on PostgreSQL and RabbitMQ: each lifecycle,
 * a failure, and the notifier stopped (and crashed) during a burst, the deployer killed
 * mid-lifecycle: every notification arrives, exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, waitFor } from './harness.js';
import { waitForStatus as waitForDeploymentStatus, type RunningSystem } from './system.js';

interface Alarm {
  id: number;
  state: string;
  severity: string;
  definition: { id: number | null; name: string };
  deployment: { id: string; name: string };
  notification: { messageId: string; eventType: string; timestamp: string; publisherId: string };
}

export interface FlowOptions {
  /**
   * How much longer than on the simulated cloud each lifecycle may take (default 1): a real
   * Heat takes seconds per stack, and longer when a burst queues up in heat-engine.
   */
  slowness?: number;
}

/** Declares the flow's tests against the system `start` brings up (once, for all of them). */
export function systemFlow(
  title: string,
  start: () => Promise<RunningSystem>,
  options: FlowOptions = {},
): void {
  let system: RunningSystem;
  const slow = (ms: number) => ms * (options.slowness ?? 1);
  const waitForStatus = (
    on: RunningSystem,
    id: string,
    statuses: string[],
    ms = 20_000,
  ): ReturnType<typeof waitForDeploymentStatus> =>
    waitForDeploymentStatus(on, id, statuses, slow(ms));

  beforeAll(async () => {
    system = await start();
    const hook = await api(`${system.notifier.url}/v1/alarm-definitions`, {
      method: 'POST',
      json: {
        name: 'every lifecycle, to the test webhook',
        eventType: 'deployment.*.end',
        severity: 'moderate',
        actions: [{ type: 'webhook', url: system.webhook.url }],
      },
    });
    expect(hook.status).toBe(201);
  }, 60_000);

  afterAll(() => system?.stop(), 30_000);

  async function alarmsOf(deploymentId: string): Promise<Alarm[]> {
    const { body } = await api<{ alarms: Alarm[] }>(
      `${system.notifier.url}/v1/alarms?deployment=${deploymentId}&limit=100`,
    );
    return body.alarms;
  }

  function waitForAlarm(
    deploymentId: string,
    eventType: string,
    severity: string,
    ms = 20_000,
  ): Promise<Alarm> {
    return waitFor(
      `a ${severity} alarm for ${eventType} of ${deploymentId}`,
      async () =>
        (await alarmsOf(deploymentId)).find(
          (a) => a.notification.eventType === eventType && a.severity === severity,
        ),
      slow(ms),
    );
  }

  async function deploy(name: string, extra: Record<string, unknown> = {}) {
    const created = await api(`${system.deployer.url}/v1/deployments`, {
      method: 'POST',
      json: { name, app: 'static-site', size: 'small', count: 1, ...extra },
    });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toBe(`/v1/deployments/${created.body.id}`);
    return created.body as { id: string; name: string; status: string };
  }

  describe(title, () => {
    it('create: CREATE_COMPLETE, a notification, an alarm with the deployment’s name, sent by webhook', async () => {
      const created = await deploy('e2e-create');
      expect(created.status).toBe('CREATE_IN_PROGRESS');
      const done = await waitForStatus(system, created.id, ['CREATE_COMPLETE']);
      expect(done.statusReason).toBeTruthy();

      const alarm = await waitForAlarm(created.id, 'deployment.create.end', 'moderate');
      expect(alarm).toMatchObject({
        state: 'alarm',
        deployment: { id: created.id, name: 'e2e-create' },
      });
      const sent = await waitFor('the webhook call', () =>
        system.webhook.bodies.find((b) => JSON.stringify(b).includes(created.id)),
      );
      expect(JSON.stringify(sent)).toContain('e2e-create');
    });

    it('update: scaling runs an update lifecycle that the notifier sees', async () => {
      const { id } = await deploy('e2e-update');
      await waitForStatus(system, id, ['CREATE_COMPLETE']);
      const scaled = await api(`${system.deployer.url}/v1/deployments/${id}`, {
        method: 'PUT',
        json: { count: 3, size: 'medium' },
      });
      expect(scaled.status).toBe(202);
      expect(scaled.body.status).toBe('UPDATE_IN_PROGRESS');
      const done = await waitForStatus(system, id, ['UPDATE_COMPLETE']);
      expect(done).toMatchObject({ count: 3, size: 'medium' });
      await waitForAlarm(id, 'deployment.update.end', 'moderate');
    });

    it('delete: tearing down runs a delete lifecycle that the notifier sees', async () => {
      const { id } = await deploy('e2e-delete');
      await waitForStatus(system, id, ['CREATE_COMPLETE']);
      const deleted = await api(`${system.deployer.url}/v1/deployments/${id}`, {
        method: 'DELETE',
      });
      expect(deleted.status).toBe(202);
      await waitForStatus(system, id, ['DELETE_COMPLETE']);
      await waitForAlarm(id, 'deployment.delete.end', 'moderate');
    });

    it('an injected failure: CREATE_FAILED with its reason, a critical alarm, an e-mail to the operator', async () => {
      const { id } = await deploy('e2e-failure', { params: { simulate_failure: true } });
      const failed = await waitForStatus(system, id, ['CREATE_FAILED']);
      expect(failed.statusReason).toMatch(/\S/);
      const alarm = await waitForAlarm(id, 'deployment.create.error', 'critical');
      expect(alarm.deployment.name).toBe('e2e-failure');
      const mail = await waitFor('the e-mail', () =>
        system.smtp.mails.find((m) => m.raw.includes('e2e-failure')),
      );
      expect(mail.to).toEqual(['operator@example.test']);
      expect(mail.subject).toMatch(/critical/i);
    });

    it(
      'the notifier stopped during a burst, then crashed mid-delivery: every notification arrives exactly once',
      async () => {
        const before = (await api(`${system.notifier.url}/v1/stats`)).body;
        await system.notifier.stop('SIGTERM');

        const burst = await Promise.all(
          Array.from({ length: 12 }, (_, i) => deploy(`e2e-burst-${i}`)),
        );
        for (const { id } of burst) await waitForStatus(system, id, ['CREATE_COMPLETE'], 30_000);

        // Back up, and crashed again at once, while the backlog is being delivered.
        await system.restartNotifier();
        await new Promise((resolve) => setTimeout(resolve, 150));
        await system.notifier.stop('SIGKILL');
        await system.restartNotifier();

        // Each deployment published create.start and create.end: 24 notifications.
        for (const { id } of burst) await waitForAlarm(id, 'deployment.create.end', 'moderate');
        const pending = await waitFor('the deployer’s outbox to drain', async () => {
          const stats = (await api(`${system.deployer.url}/v1/stats`)).body;
          return stats.outbox.pending === 0 ? stats : undefined;
        });
        expect(pending.outbox.dead).toBe(0);

        const after = (await api(`${system.notifier.url}/v1/stats`)).body;
        const processed = after.received - before.received;
        expect(processed, 'each notification processed once').toBe(24);
        for (const { id } of burst) {
          const alarms = await alarmsOf(id);
          const byEvent = alarms
            .map((a) => `${a.notification.eventType}/${a.definition.name}`)
            .sort();
          // One alarm per matching definition and event: none doubled.
          expect(new Set(byEvent).size, JSON.stringify(byEvent)).toBe(byEvent.length);
        }
        console.info(
          `burst of 12 with the notifier down, then killed: processed ${processed}, ` +
            `duplicates ignored ${after.duplicates - before.duplicates}`,
        );
      },
      slow(90_000),
    );

    it('a notification delivered again (its acknowledgement lost) is ignored', async () => {
      const { id } = await deploy('e2e-redelivered');
      const alarm = await waitForAlarm(id, 'deployment.create.end', 'moderate');
      const before = (await api(`${system.notifier.url}/v1/stats`)).body;
      const alarmsBefore = (await alarmsOf(id)).length;
      const again = await api(`${system.notifier.url}/v1/notifications`, {
        method: 'POST',
        json: {
          message_id: alarm.notification.messageId,
          event_type: alarm.notification.eventType,
          publisher_id: alarm.notification.publisherId,
          timestamp: alarm.notification.timestamp,
          priority: 'INFO',
          payload: { id, name: 'e2e-redelivered' },
        },
      });
      expect(again.status).toBeLessThan(300);
      const after = (await api(`${system.notifier.url}/v1/stats`)).body;
      expect(after.received - before.received).toBe(0);
      expect(after.duplicates - before.duplicates).toBe(1);
      expect(await alarmsOf(id)).toHaveLength(alarmsBefore);
    });

    it(
      'the deployer killed mid-lifecycle: its deployments finish after the restart, each notified once',
      async () => {
        const before = (await api(`${system.notifier.url}/v1/stats`)).body;
        const started = await Promise.all(
          Array.from({ length: 4 }, (_, i) => deploy(`e2e-crash-${i}`)),
        );
        await system.deployer.stop('SIGKILL');
        await system.restartDeployer();
        for (const { id } of started) {
          // A deployment or a notification the killed process held waits out its lease (15 s).
          await waitForStatus(system, id, ['CREATE_COMPLETE'], 45_000);
          await waitForAlarm(id, 'deployment.create.end', 'moderate', 45_000);
        }
        await waitFor('the deployer’s outbox to drain', async () =>
          (await api(`${system.deployer.url}/v1/stats`)).body.outbox.pending === 0
            ? true
            : undefined,
        );
        const after = (await api(`${system.notifier.url}/v1/stats`)).body;
        expect(after.received - before.received, 'start and end of 4 creations').toBe(8);
        for (const { id } of started) {
          const events = (await alarmsOf(id)).map((a) => a.notification.eventType);
          expect(events.filter((e) => e === 'deployment.create.end')).toHaveLength(2); // two definitions
        }
      },
      slow(150_000),
    );
  });
}

/**
 * The notifier subscribed to the real heat-engine's notifications (NOTIFIER_HEAT_NOTIFICATIONS,
 * the RabbitMQ Heat publishes on with `driver = messagingv2`): a deployer stack's failure raises
 * a stack-failed alarm tied to its deployment with Heat's reason, once however many times Heat
 * reports it; a stack made outside the deployer is alarmed on by its own name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, waitFor } from '../harness.js';
import { startSystem, waitForStatus, type RunningSystem } from '../system.js';
import { amqpUrl, cloudEnv, deleteQueues, deleteStacks, issueToken } from './cloud.js';

interface Alarm {
  id: number;
  state: string;
  definition: { name: string };
  deployment: { id: string; name: string } | null;
  stack: { id: string; name: string; statusReason: string } | null;
  notification: { eventType: string };
  reason?: string;
}

let system: RunningSystem;
const outside = `outside-deployer-${process.pid}`;
// A queue of this run's own on Heat's broker, deleted at the end.
const queue = `notifier.heat.test-${process.pid}`;

beforeAll(async () => {
  system = await startSystem({
    deployerEnv: { DEPLOYER_DRIVER: 'openstack', DEPLOYER_TEMPLATES: 'test', ...cloudEnv() },
    notifierEnv: { NOTIFIER_HEAT_NOTIFICATIONS: amqpUrl(), NOTIFIER_HEAT_QUEUE: queue },
  });
});
afterAll(async () => {
  await system?.stop();
  await deleteStacks('deployer-');
  await deleteStacks(outside);
  await deleteQueues(queue, `${queue}.dead`);
});

async function alarms(query: string): Promise<Alarm[]> {
  return (await api<{ alarms: Alarm[] }>(`${system.notifier.url}/v1/alarms?${query}&limit=100`))
    .body.alarms;
}

describe('Heat’s own notifications, from the real heat-engine', () => {
  it('a deployer stack that fails: one stack-failed alarm, tied to the deployment, with Heat’s reason', async () => {
    const created = await api(`${system.deployer.url}/v1/deployments`, {
      method: 'POST',
      json: {
        name: 'heat-fails',
        app: 'static-site',
        size: 'small',
        count: 2,
        params: { simulate_failure: true },
      },
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await waitForStatus(system, id, ['CREATE_FAILED'], 60_000);

    const fromHeat = await waitFor('the stack-failed alarm', async () =>
      (await alarms(`deployment=${id}`)).find((a) => a.definition.name === 'stack-failed'),
    );
    expect(fromHeat.notification.eventType).toBe('orchestration.stack.create.error');
    expect(fromHeat.deployment).toMatchObject({ id, name: 'heat-fails' });
    expect(fromHeat.stack?.name).toMatch(new RegExp(`^deployer-${id}`));
    expect(fromHeat.stack?.statusReason).toMatch(/Test Resource failed/);
    // Heat reports the failure of each failed member's nested stack and then the stack's own:
    // still one alarm of that definition for the deployment.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const all = await alarms(`deployment=${id}`);
    expect(all.filter((a) => a.definition.name === 'stack-failed')).toHaveLength(1);
    // … beside the deployer's own deployment-failed alarm for the same failure.
    expect(all.map((a) => a.notification.eventType)).toContain('deployment.create.error');
  });

  it('a stack made outside the deployer is alarmed on by its own name', async () => {
    const { token, heatUrl } = await issueToken();
    const response = await fetch(`${heatUrl}/stacks`, {
      method: 'POST',
      headers: { 'x-auth-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({
        stack_name: outside,
        disable_rollback: true,
        template: {
          heat_template_version: '2018-08-31',
          resources: { broken: { type: 'OS::Heat::TestResource', properties: { fail: true } } },
        },
      }),
    });
    expect(response.status).toBe(201);
    const alarm = await waitFor(
      'the alarm of the outside stack',
      async () => (await alarms('state=alarm')).find((a) => a.stack?.name === outside),
      60_000,
    );
    expect(alarm.deployment).toBeNull();
    expect(alarm.notification.eventType).toBe('orchestration.stack.create.error');
  });
});

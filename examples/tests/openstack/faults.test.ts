/**
 * The deployer when the real cloud goes away: heat-api stopped, then Keystone stopped, while
 * deployments are being created. The deployments wait and say why (the last error, the next
 * try), nothing fails and nothing is lost; once the service is back each one completes with
 * exactly one stack in Heat and exactly one start and one end notification. Also: a stack's
 * outputs, read from the real Heat, shown by the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, waitFor } from '../harness.js';
import { startSystem, waitForStatus, type Deployment, type RunningSystem } from '../system.js';
import { cloudEnv, daemon, deleteStacks, issueToken } from './cloud.js';

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem({
    deployerEnv: { DEPLOYER_DRIVER: 'openstack', DEPLOYER_TEMPLATES: 'test', ...cloudEnv() },
  });
});
afterAll(async () => {
  await system?.stop();
  await deleteStacks('deployer-');
});

async function deploy(name: string, app = 'static-site') {
  const created = await api(`${system.deployer.url}/v1/deployments`, {
    method: 'POST',
    json: { name, app, size: 'small', count: 1 },
  });
  expect(created.status).toBe(202);
  return created.body as Deployment;
}

/** How many live stacks Heat has under this exact name (nested stacks have longer names). */
async function stacksNamed(name: string): Promise<number> {
  const { token, heatUrl } = await issueToken();
  const response = await fetch(`${heatUrl}/stacks?name=${name}`, {
    headers: { 'x-auth-token': token, accept: 'application/json' },
  });
  const { stacks } = (await response.json()) as { stacks: { stack_status: string }[] };
  return stacks.filter((s) => s.stack_status !== 'DELETE_COMPLETE').length;
}

const notifierStats = async () => (await api(`${system.notifier.url}/v1/stats`)).body;

/** Creates `count` deployments while `service` is stopped, then starts it again. */
async function createWhileDown(service: 'heat-api' | 'keystone', count: number) {
  const before = await notifierStats();
  await daemon('stop', service);
  let deployments: Deployment[];
  try {
    deployments = await Promise.all(
      Array.from({ length: count }, (_, i) => deploy(`while-${service}-down-${i}`)),
    );
    // Each waits, and says why and when it tries again.
    for (const { id } of deployments) {
      const waiting = await waitFor(`${id} to report the outage`, async () => {
        const d = (await api<Deployment>(`${system.deployer.url}/v1/deployments/${id}`)).body;
        return d.lastError ? d : undefined;
      });
      expect(waiting.status).toBe('CREATE_IN_PROGRESS');
      expect(String(waiting.lastError)).toMatch(/is unreachable: connect ECONNREFUSED/);
      expect(Date.parse(String(waiting.retryAt))).toBeGreaterThan(Date.now() - 1_000);
    }
  } finally {
    await daemon('start', service);
  }
  for (const { id } of deployments) {
    // Retries back off (up to a minute apart): allow for one long wait.
    const done = await waitForStatus(system, id, ['CREATE_COMPLETE'], 100_000);
    expect(done.lastError).toBeNull();
    expect(await stacksNamed(`deployer-${id}`)).toBe(1);
  }
  await waitFor('the notifications', async () =>
    (await notifierStats()).received - before.received >= 2 * count ? true : undefined,
  );
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // anything doubled would be in by now
  expect((await notifierStats()).received - before.received).toBe(2 * count);
}

describe('the deployer when the real cloud goes away', () => {
  it('heat-api stopped: deployments wait, say why, and complete once it is back', async () => {
    await createWhileDown('heat-api', 3);
  }, 180_000);

  it('Keystone stopped: the same, for a deployer that has no token yet', async () => {
    await system.deployer.stop();
    await system.restartDeployer(); // a new process: its first call needs Keystone
    await createWhileDown('keystone', 2);
  }, 180_000);
});

describe('outputs from the real Heat', () => {
  it('a WordPress deployment shows its URL and its generated admin password', async () => {
    const { id } = await deploy('outputs', 'wordpress');
    const done = await waitForStatus(system, id, ['CREATE_COMPLETE'], 60_000);
    const outputs = Object.fromEntries(
      (done.outputs as { key: string; value: unknown; secret: boolean }[]).map((o) => [o.key, o]),
    );
    expect(outputs.url).toMatchObject({
      value: expect.stringMatching(/^http:\/\//),
      secret: false,
    });
    expect(outputs.admin_password).toMatchObject({
      value: expect.stringMatching(/^\S{16}$/),
      secret: true,
    });
  }, 90_000);
});

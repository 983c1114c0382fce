/**
 * The openstack driver against the real Keystone and Heat: the contract its fake-backed tests
 * (examples/deployer/tests/openstack-driver.test.ts) assume, checked where it comes from.
 * Lifecycle timings are printed for the record.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PermanentDriverError, type Stack, type StackSpec } from '../../deployer/drivers/driver.js';
import { HeatDriver } from '../../deployer/drivers/openstack/heat.js';
import type { HotTemplate } from '../../deployer/domain/catalogue.js';
import { cloudSettings, daemon, deleteStacks, region, revokeToken } from './cloud.js';

const PREFIX = `driver-test-${process.pid}-`;

/** Needs no compute: test resources that wait, and fail when asked to. */
const template: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'The driver test: resources that need no compute',
  parameters: {
    count: { type: 'number', default: 1 },
    fail: { type: 'boolean', default: false },
  },
  resources: {
    secret: { type: 'OS::Heat::RandomString', properties: { length: 12 } },
    nodes: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: {
          type: 'OS::Heat::TestResource',
          properties: { value: 'node-%index%', wait_secs: 1, fail: { get_param: 'fail' } },
        },
      },
    },
  },
  outputs: {
    first: { description: 'The first node', value: { get_attr: ['nodes', 'resource.0.output'] } },
    secret: { description: 'A generated secret', value: { get_attr: ['secret', 'value'] } },
  },
};

let serial = 0;
const spec = (parameters: StackSpec['parameters'] = {}): StackSpec => ({
  name: `${PREFIX}${++serial}`,
  template,
  parameters,
  region: region(),
});

/** Polls until the stack's action is over; the stack and how long it took. */
async function settle(driver: HeatDriver, stack: { id: string; name: string }, began: number) {
  for (let i = 0; i < 240; i++) {
    const now = await driver.getStack(stack.id, stack.name, region());
    if (!now || !now.status.endsWith('_IN_PROGRESS')) return { stack: now, ms: Date.now() - began };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${stack.name} still in progress after a minute`);
}

const timings: string[] = [];
const driver = () => new HeatDriver(cloudSettings());

afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await deleteStacks(PREFIX);
  console.log(`real Heat lifecycle timings:\n  ${timings.join('\n  ')}`);
});

describe('the openstack driver against a real Heat', () => {
  it('creates a stack, reads CREATE_COMPLETE, updates it and deletes it', async () => {
    const heat = driver();
    const wanted = spec({ count: 1 });
    let began = Date.now();
    const created = await heat.createStack(wanted);
    expect(created).toMatchObject({ name: wanted.name, status: 'CREATE_IN_PROGRESS' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await heat.findStack(wanted.name, region()))?.id).toBe(created.id);

    let done = await settle(heat, created, began);
    timings.push(`create (1 test resource, wait 1 s): ${done.ms} ms`);
    expect(done.stack).toMatchObject({
      status: 'CREATE_COMPLETE',
      statusReason: 'Stack CREATE completed successfully',
    });

    began = Date.now();
    await heat.updateStack(created.id, { ...wanted, parameters: { count: 3 } });
    done = await settle(heat, created, began);
    timings.push(`update (1 → 3 test resources): ${done.ms} ms`);
    expect(done.stack).toMatchObject({
      status: 'UPDATE_COMPLETE',
      statusReason: 'Stack UPDATE completed successfully',
    });

    began = Date.now();
    await heat.deleteStack(created.id, wanted.name, region());
    done = await settle(heat, created, began);
    timings.push(`delete: ${done.ms} ms`);
    // Heat keeps a deleted stack readable by its id, as DELETE_COMPLETE: the driver reports
    // it gone, as it does after a 404.
    expect(done.stack).toBeNull();
    expect(await heat.findStack(wanted.name, region())).toBeNull();
    await heat.deleteStack(created.id, wanted.name, region()); // already gone: no error
  });

  it('reports a failing resource as CREATE_FAILED with Heat’s reason', async () => {
    const heat = driver();
    const began = Date.now();
    const created = await heat.createStack(spec({ count: 1, fail: true }));
    const done = await settle(heat, created, began);
    timings.push(`failing create: ${done.ms} ms`);
    expect(done.stack?.status).toBe('CREATE_FAILED');
    expect(done.stack?.statusReason).toMatch(/^Resource CREATE failed: .*Test Resource failed/);
  });

  it('takes a duplicate name as transient and a refused template as permanent', async () => {
    const heat = driver();
    const wanted = spec();
    await heat.createStack(wanted);
    const duplicate = heat.createStack(wanted);
    await expect(duplicate).rejects.toThrow(/409 The Stack \(.*\) already exists/);
    await expect(duplicate).rejects.not.toThrow(PermanentDriverError);
    const refused = heat.createStack(spec({ count: 'many' }));
    await expect(refused).rejects.toThrow(PermanentDriverError);
    await expect(refused).rejects.toThrow(/Parameter 'count' is invalid/);
  });
});

describe('Keystone tokens, for real', () => {
  /** The driver's calls to Keystone's token endpoint. */
  function countAuthentications() {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    return () =>
      fetchSpy.mock.calls.filter(
        ([url, init]) => String(url).endsWith('/v3/auth/tokens') && init?.method === 'POST',
      ).length;
  }

  it('renews a token before it expires', async () => {
    const authentications = countAuthentications();
    // Keystone's tokens live an hour: renewing within 1 h - 1.5 s of expiry renews after 1.5 s.
    const heat = new HeatDriver({ ...cloudSettings(), renewBeforeMs: 3_600_000 - 1_500 });
    await heat.findStack(`${PREFIX}none`, region());
    await heat.findStack(`${PREFIX}none`, region());
    expect(authentications()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await heat.findStack(`${PREFIX}none`, region());
    expect(authentications()).toBe(2);
  });

  it('authenticates again when Heat answers 401 for a revoked token', async () => {
    // Heat caches the tokens it has validated (keystonemiddleware's token_cache_time, 5 min),
    // so a token it has seen stays good there after its revocation: the token revoked here is
    // one Heat has not seen yet, revoked as soon as Keystone issues it.
    const realFetch = globalThis.fetch;
    const statuses: number[] = [];
    let revoked = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      statuses.push(response.status);
      const token = response.headers.get('x-subject-token');
      if (token && revoked++ === 0) await revokeToken(token, realFetch);
      return response;
    });
    expect(await driver().findStack(`${PREFIX}none`, region())).toBeNull();
    // Keystone issued, Heat refused the revoked token, Keystone issued again, Heat answered.
    expect(statuses).toEqual([201, 401, 201, 200]);
  });

  it('fails, to be retried, when Keystone refuses the password', async () => {
    const refused = new HeatDriver({ ...cloudSettings(), password: 'wrong' }).findStack(
      'x',
      region(),
    );
    await expect(refused).rejects.toThrow(/Keystone refused to authenticate \(401\)/);
    await expect(refused).rejects.not.toThrow(PermanentDriverError);
  });
});

describe('Heat unreachable', () => {
  beforeAll(() => daemon('stop', 'heat-api'));
  afterAll(() => daemon('start', 'heat-api'));

  it('fails with a clear, transient error while heat-api is down', async () => {
    const call = driver().findStack(`${PREFIX}none`, region());
    await expect(call).rejects.not.toThrow(PermanentDriverError);
    await expect(call).rejects.toThrow(
      /^orchestration at http:\/\/127\.0\.0\.1:8004\/.* is unreachable: connect ECONNREFUSED/,
    );
  });
});

export type { Stack };

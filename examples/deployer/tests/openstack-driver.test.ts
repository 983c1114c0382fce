import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findApp } from '../domain/catalogue.js';
import { createDeployment, getDeployment } from '../domain/deployments.js';
import { Reconciler } from '../domain/reconciler.js';
import type { DeployerDatabase } from '../domain/schema.js';
import { PermanentDriverError, type StackSpec } from '../drivers/driver.js';
import { HeatDriver, type OpenStackDriverSettings } from '../drivers/openstack/heat.js';
import { openTestDatabase } from './database.js';
import { FakeOpenStack } from './fake-openstack.js';

const template = findApp('static-site')!.templates.nova;
const spec = (overrides: Partial<StackSpec> = {}): StackSpec => ({
  name: 'deployer-1',
  template,
  parameters: { flavor: 'm1.small', count: 2 },
  region: 'RegionOne',
  ...overrides,
});

describe('HeatDriver against a fake Keystone and Heat', () => {
  let cloud: FakeOpenStack;
  let settings: OpenStackDriverSettings;
  let driver: HeatDriver;
  beforeEach(async () => {
    cloud = await new FakeOpenStack().start();
    settings = { kind: 'openstack', authUrl: `${cloud.url}/identity/v3`, ...cloud.settings };
    driver = new HeatDriver(settings);
  });
  afterEach(() => cloud.stop());

  it('authenticates once and calls the public orchestration endpoint of the region', async () => {
    const stack = await driver.createStack(spec());
    expect(stack.status).toBe('CREATE_IN_PROGRESS');
    await driver.getStack(stack.id, 'deployer-1', 'RegionOne');
    expect(cloud.authentications).toBe(1);
    expect(cloud.calls.map((c) => `${c.endpoint} ${c.method} ${c.status}`)).toEqual([
      'public RegionOne POST 201',
      'public RegionOne GET 200',
    ]);
    expect(cloud.calls[0]!.path).toMatch(/^\/heat\/v1\/[0-9a-f]{32}\/stacks$/);
  });

  it('picks the endpoint by interface and region from the catalogue', async () => {
    const internal = new HeatDriver({ ...settings, interface: 'internal' });
    await internal.findStack('x', 'RegionOne');
    await driver.findStack('x', 'RegionTwo');
    expect(cloud.calls.map((c) => c.endpoint)).toEqual(['internal RegionOne', 'public RegionTwo']);
    await expect(driver.findStack('x', 'RegionThree')).rejects.toThrow(PermanentDriverError);
  });

  it('creates, polls, updates and deletes a stack through its lifecycle', async () => {
    const { id } = await driver.createStack(spec());
    expect(await driver.getStack(id, 'deployer-1', 'RegionOne')).toMatchObject({
      status: 'CREATE_COMPLETE',
      statusReason: 'Stack CREATE completed successfully',
    });
    expect((await driver.findStack('deployer-1', 'RegionOne'))?.id).toBe(id);
    await driver.updateStack(id, spec({ parameters: { flavor: 'm1.large', count: 3 } }));
    expect(cloud.stacks[0]!.parameters).toEqual({ flavor: 'm1.large', count: 3 });
    expect((await driver.getStack(id, 'deployer-1', 'RegionOne'))?.status).toBe('UPDATE_COMPLETE');
    await driver.deleteStack(id, 'deployer-1', 'RegionOne');
    expect(await driver.getStack(id, 'deployer-1', 'RegionOne')).toBeNull(); // 404 once deleted
    expect(await driver.findStack('deployer-1', 'RegionOne')).toBeNull();
    await driver.deleteStack(id, 'deployer-1', 'RegionOne'); // already gone: no error
  });

  it('reports an action in progress, then its failure with Heat reason', async () => {
    cloud.actionMs = 100;
    cloud.failNext = 'Resource CREATE failed: OverQuotaClient: Quota exceeded for cores';
    const { id } = await driver.createStack(spec());
    expect((await driver.getStack(id, 'deployer-1', 'RegionOne'))?.status).toBe(
      'CREATE_IN_PROGRESS',
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await driver.getStack(id, 'deployer-1', 'RegionOne')).toMatchObject({
      status: 'CREATE_FAILED',
      statusReason: 'Resource CREATE failed: OverQuotaClient: Quota exceeded for cores',
    });
  });

  it('treats a duplicate name (409) as transient and a refused template (400) as permanent', async () => {
    await driver.createStack(spec());
    const duplicate = driver.createStack(spec());
    await expect(duplicate).rejects.toThrow(/409 The Stack \(deployer-1\) already exists/);
    await expect(duplicate).rejects.not.toThrow(PermanentDriverError);
    const refused = driver.createStack(spec({ name: 'deployer-2', parameters: { bogus: 1 } }));
    await expect(refused).rejects.toThrow(PermanentDriverError);
    await expect(refused).rejects.toThrow(/The Parameter \(bogus\) was not defined in template/);
  });

  it('renews the token before it expires', async () => {
    cloud.tokenTtlMs = 400;
    const renewing = new HeatDriver({ ...settings, renewBeforeMs: 300 });
    await renewing.findStack('x', 'RegionOne');
    await renewing.findStack('x', 'RegionOne');
    expect(cloud.authentications).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150)); // now within 300 ms of expiry
    await renewing.findStack('x', 'RegionOne');
    expect(cloud.authentications).toBe(2);
    expect(cloud.calls.every((call) => call.status === 200)).toBe(true); // never a 401
  });

  it('authenticates again and retries once when Heat answers 401', async () => {
    await driver.findStack('x', 'RegionOne');
    cloud.revokeTokens();
    expect(await driver.findStack('x', 'RegionOne')).toBeNull();
    expect(cloud.authentications).toBe(2);
    expect(cloud.calls.map((c) => c.status)).toEqual([200, 401, 200]);
  });

  it('fails (to be retried) when Keystone refuses the credentials', async () => {
    const wrong = new HeatDriver({ ...settings, password: 'nope' });
    const refused = wrong.findStack('x', 'RegionOne');
    await expect(refused).rejects.toThrow(/Keystone refused to authenticate \(401\)/);
    await expect(refused).rejects.not.toThrow(PermanentDriverError);
  });

  it('fails (to be retried) when Heat is down or unreachable', async () => {
    cloud.heatStatus = 503;
    await expect(driver.findStack('x', 'RegionOne')).rejects.toThrow(/503 Heat is down/);
    cloud.heatStatus = null;
    const closed = new HeatDriver({
      ...settings,
      authUrl: 'http://127.0.0.1:9/v3',
      timeoutMs: 2000,
    });
    await expect(closed.findStack('x', 'RegionOne')).rejects.toThrow();
  });
});

describe('the reconciler with the openstack driver', () => {
  let cloud: FakeOpenStack;
  let db: Kysely<DeployerDatabase>;
  beforeEach(async () => {
    cloud = await new FakeOpenStack().start();
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await db.destroy();
    await cloud.stop();
  });

  it('finishes a deployment on Heat, retrying while Heat is down without losing it', async () => {
    const driver = new HeatDriver({
      kind: 'openstack',
      authUrl: `${cloud.url}/identity`,
      ...cloud.settings,
    });
    let now = Date.now();
    const context = { publisherId: 'deployer.test', now: () => new Date(now) };
    const reconciler = new Reconciler({
      db,
      driver,
      context,
      now: () => now,
      checkMs: 0,
      backoff: { initialMs: 1000, maxMs: 1000, factor: 1 },
    });
    const { id } = await createDeployment(
      db,
      { name: 'site', app: 'static-site', size: 'small', count: 1 },
      { regions: ['RegionOne'] },
      context,
    );
    cloud.heatStatus = 503;
    await reconciler.runDue();
    expect(await getDeployment(db, id)).toMatchObject({
      status: 'CREATE_IN_PROGRESS',
      lastError: expect.stringMatching(/503/),
    });
    cloud.heatStatus = null;
    now += 1000;
    await reconciler.runDue(); // creates the stack: Heat finished it at once (actionMs 0)
    now += 1;
    await reconciler.runDue();
    const done = await getDeployment(db, id);
    expect(done).toMatchObject({ status: 'CREATE_COMPLETE', lastError: null });
    expect(done.stackId).toBe(cloud.stacks[0]!.id);
    expect(cloud.stacks).toHaveLength(1);
    expect(cloud.stacks[0]!.parameters).toEqual({ flavor: 'm1.small', count: 1 });
  });
});

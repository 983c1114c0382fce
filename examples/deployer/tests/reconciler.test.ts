import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeployment,
  deleteDeployment,
  getDeployment,
  listEvents,
  updateDeployment,
  type LifecycleContext,
} from '../domain/deployments.js';
import { Reconciler } from '../domain/reconciler.js';
import type { DeployerDatabase } from '../domain/schema.js';
import { PermanentDriverError, stackName, type CloudDriver } from '../drivers/driver.js';
import { SimulatedDriver } from '../drivers/simulated.js';
import { openTestDatabase } from './database.js';

const regions = { regions: ['RegionOne'] };

/** The driver with some of its methods replaced. */
function override(driver: CloudDriver, methods: Partial<CloudDriver>): CloudDriver {
  return {
    createStack: (spec) => driver.createStack(spec),
    findStack: (name, region) => driver.findStack(name, region),
    getStack: (id, name, region) => driver.getStack(id, name, region),
    updateStack: (id, spec) => driver.updateStack(id, spec),
    deleteStack: (id, name, region) => driver.deleteStack(id, name, region),
    close: () => driver.close(),
    ...methods,
  };
}
const request = { name: 'blog', app: 'wordpress', size: 'small', count: 2 };

describe('Reconciler', () => {
  let db: Kysely<DeployerDatabase>;
  let now: number;
  let context: LifecycleContext;
  let driver: SimulatedDriver;
  let notified: number;
  const reconciler = (cloud: CloudDriver = driver) =>
    new Reconciler({
      db,
      driver: cloud,
      context,
      now: () => now,
      checkMs: 100,
      backoff: { initialMs: 1000, maxMs: 1000, factor: 1 },
      onNotify: () => notified++,
    });
  /** Runs the reconciler until the deployment's lifecycle ends, moving the clock on. */
  async function settle(id: string, worker = reconciler()) {
    for (let i = 0; i < 50; i++) {
      await worker.runDue();
      const deployment = await getDeployment(db, id);
      if (!deployment.status.endsWith('_IN_PROGRESS')) return deployment;
      now += 500;
    }
    throw new Error('the lifecycle did not end');
  }
  async function eventTypes() {
    const rows = await db.selectFrom('outbox').select('body').orderBy('id').execute();
    return rows.map((row) => (JSON.parse(row.body) as { event_type: string }).event_type);
  }

  beforeEach(async () => {
    db = await openTestDatabase();
    now = Date.parse('2026-12-04T12:00:00Z');
    context = { publisherId: 'deployer.test', now: () => new Date(now) };
    notified = 0;
    driver = new SimulatedDriver({
      db,
      now: () => now,
      random: () => 0.5,
      delays: { base: 1000, perInstance: 0, delete: 1000 },
    });
  });
  afterEach(() => db.destroy());

  it('creates the stack, polls it, and completes the lifecycle with its event and notification', async () => {
    const { id } = await createDeployment(db, request, regions, context);
    await reconciler().runDue();
    const started = await getDeployment(db, id);
    expect(started.status).toBe('CREATE_IN_PROGRESS');
    expect(started.stackId).not.toBeNull();
    const done = await settle(id);
    expect(done).toMatchObject({
      status: 'CREATE_COMPLETE',
      statusReason: 'Stack CREATE completed successfully',
    });
    expect((await listEvents(db, id)).map((e) => e.eventType)).toEqual([
      'deployment.create.start',
      'deployment.create.end',
    ]);
    expect(await eventTypes()).toEqual(['deployment.create.start', 'deployment.create.end']);
    expect(notified).toBe(1);
  });

  it('sends the stack the app template with flavor and count from size and count', async () => {
    const specs: unknown[] = [];
    const spy = override(driver, {
      createStack: (spec) => {
        specs.push(spec);
        return driver.createStack(spec);
      },
    });
    const { id } = await createDeployment(
      db,
      { ...request, size: 'large', params: { db_name: 'blog' } },
      regions,
      context,
    );
    await reconciler(spy).runDue();
    expect(specs).toEqual([
      expect.objectContaining({
        name: stackName(id),
        region: 'RegionOne',
        parameters: { db_name: 'blog', flavor: 'm1.large', count: 2 },
      }),
    ]);
  });

  it('fails the lifecycle with the cloud reason, notified as an ERROR', async () => {
    const { id } = await createDeployment(
      db,
      { ...request, params: { simulate_failure: true } },
      regions,
      context,
    );
    const failed = await settle(id);
    expect(failed.status).toBe('CREATE_FAILED');
    expect(failed.statusReason).toMatch(/^Resource CREATE failed/);
    const last = await db
      .selectFrom('outbox')
      .select('body')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.body)).toMatchObject({
      event_type: 'deployment.create.error',
      priority: 'ERROR',
      payload: { deployment_id: id, status: 'CREATE_FAILED', status_reason: failed.statusReason },
    });
  });

  it('scales with an update lifecycle and tears down with a delete lifecycle', async () => {
    const { id } = await createDeployment(db, request, regions, context);
    await settle(id);
    await updateDeployment(db, id, { count: 4, name: 'blog2' }, context);
    const updated = await settle(id);
    expect(updated).toMatchObject({ status: 'UPDATE_COMPLETE', count: 4, name: 'blog2' });
    const stack = await db.selectFrom('simulated_stacks').selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(stack.parameters)).toMatchObject({ count: 4 });
    await deleteDeployment(db, id, context);
    expect((await settle(id)).status).toBe('DELETE_COMPLETE');
    expect(await driver.getStack(stack.id)).toBeNull();
    expect(await eventTypes()).toEqual([
      'deployment.create.start',
      'deployment.create.end',
      'deployment.update.start',
      'deployment.update.end',
      'deployment.delete.start',
      'deployment.delete.end',
    ]);
  });

  it('finds the stack a crashed process made instead of making a second one', async () => {
    const { id } = await createDeployment(db, request, regions, context);
    // The previous process created the stack, then died before it recorded the stack's id.
    const orphan = await driver.createStack({
      name: stackName(id),
      region: 'RegionOne',
      parameters: { count: 2 },
      template: { heat_template_version: '', description: '', parameters: {}, resources: {} },
    });
    const done = await settle(id, reconciler()); // a new process: a new reconciler
    expect(done).toMatchObject({ status: 'CREATE_COMPLETE', stackId: orphan.id });
    expect(await db.selectFrom('simulated_stacks').select('id').execute()).toHaveLength(1);
  });

  it('retries a cloud that is unreachable with backoff, and never loses the deployment', async () => {
    let down = true;
    const flaky: CloudDriver = new Proxy(driver, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          down
            ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8004'))
            : (value as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
    const { id } = await createDeployment(db, request, regions, context);
    const worker = reconciler(flaky);
    await worker.runDue();
    let deployment = await getDeployment(db, id);
    expect(deployment.status).toBe('CREATE_IN_PROGRESS');
    expect(deployment.lastError).toMatch(/ECONNREFUSED/);
    const row = await db.selectFrom('deployments').selectAll().executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.next_check_at).toBeGreaterThanOrEqual(now + 500); // backed off, not hammered
    expect(await worker.runDue()).toBe(0); // not due yet
    down = false;
    deployment = await settle(id, worker);
    expect(deployment).toMatchObject({ status: 'CREATE_COMPLETE', lastError: null });
  });

  it('fails the lifecycle at once when the cloud refuses the request', async () => {
    const refusing = override(driver, {
      createStack: () => Promise.reject(new PermanentDriverError('Invalid template: no resources')),
    });
    const { id } = await createDeployment(db, request, regions, context);
    await reconciler(refusing).runDue();
    expect(await getDeployment(db, id)).toMatchObject({
      status: 'CREATE_FAILED',
      statusReason: 'Invalid template: no resources',
    });
  });

  it('lets two processes work side by side without finishing a lifecycle twice', async () => {
    const { id } = await createDeployment(db, request, regions, context);
    const first = reconciler();
    const second = reconciler();
    for (let i = 0; i < 10; i++) {
      await Promise.all([first.runDue(), second.runDue()]);
      now += 15_001; // past the lease: each round either process may take the deployment
    }
    expect((await getDeployment(db, id)).status).toBe('CREATE_COMPLETE');
    expect(await eventTypes()).toEqual(['deployment.create.start', 'deployment.create.end']);
    expect(await db.selectFrom('simulated_stacks').select('id').execute()).toHaveLength(1);
  });

  it('runs in the background once started, woken by new work, and stops cleanly', async () => {
    now = Date.now();
    const live = new Reconciler({
      db,
      driver: new SimulatedDriver({ db, delays: { base: 50, perInstance: 0, delete: 50 } }),
      context: { publisherId: 'deployer.test' },
      pollMs: 5000,
      checkMs: 20,
    });
    live.start();
    const { id } = await createDeployment(db, request, regions, { publisherId: 'deployer.test' });
    live.wake();
    const deadline = Date.now() + 5000;
    while ((await getDeployment(db, id)).status === 'CREATE_IN_PROGRESS' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await live.stop();
    expect((await getDeployment(db, id)).status).toBe('CREATE_COMPLETE');
  });

  it('gives a lifecycle up past its deadline when the cloud never finishes the stack', async () => {
    // A stack whose heat-engine died mid-create stays CREATE_IN_PROGRESS in Heat for good.
    const stranded = override(driver, {
      getStack: async (id, name) => ({
        id,
        name,
        status: 'CREATE_IN_PROGRESS',
        statusReason: 'Stack CREATE started',
        outputs: [],
      }),
    });
    const patient = reconciler(stranded);
    const bounded = new Reconciler({
      db,
      driver: stranded,
      context,
      now: () => now,
      checkMs: 100,
      deadlineMs: 65 * 60_000,
    });
    const { id } = await createDeployment(db, request, regions, context);
    await bounded.runDue();
    now += 64 * 60_000; // within the deadline: still waiting, with or without one
    await bounded.runDue();
    now += 1_000;
    await patient.runDue();
    expect((await getDeployment(db, id)).status).toBe('CREATE_IN_PROGRESS');

    now += 2 * 60_000;
    await patient.runDue(); // no deadline: waits on
    expect((await getDeployment(db, id)).status).toBe('CREATE_IN_PROGRESS');
    now += 1_000;
    await bounded.runDue();
    const failed = await getDeployment(db, id);
    expect(failed.status).toBe('CREATE_FAILED');
    expect(failed.statusReason).toBe(
      'The cloud has not finished this CREATE in 66 minutes, past its 65-minute deadline: ' +
        'heat-engine may have stopped while working on the stack. The stack is left as the ' +
        'cloud has it.',
    );
    expect(await eventTypes()).toEqual(['deployment.create.start', 'deployment.create.error']);
  });
});

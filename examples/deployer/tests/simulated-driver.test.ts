import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findApp } from '../domain/catalogue.js';
import type { DeployerDatabase } from '../domain/schema.js';
import type { StackSpec } from '../drivers/driver.js';
import { SimulatedDriver } from '../drivers/simulated.js';
import { openTestDatabase } from './database.js';

const template = findApp('static-site')!.templates.nova;
const spec = (parameters: StackSpec['parameters'] = { count: 2 }): StackSpec => ({
  name: 'deployer-1',
  template,
  parameters,
  region: 'RegionOne',
});

describe('SimulatedDriver', () => {
  let db: Kysely<DeployerDatabase>;
  let now: number;
  let driver: SimulatedDriver;
  beforeEach(async () => {
    db = await openTestDatabase();
    now = 1_000_000;
    driver = new SimulatedDriver({
      db,
      now: () => now,
      random: () => 0.5,
      delays: { base: 1000, perInstance: 100, delete: 500 },
    });
  });
  afterEach(() => db.destroy());

  it('creates a stack that completes after its delay, longer for more instances', async () => {
    const stack = await driver.createStack(spec());
    expect(stack.status).toBe('CREATE_IN_PROGRESS');
    now += 1199;
    expect((await driver.getStack(stack.id))?.status).toBe('CREATE_IN_PROGRESS');
    now += 1;
    const done = await driver.getStack(stack.id);
    expect(done).toMatchObject({ status: 'CREATE_COMPLETE', name: 'deployer-1' });
    expect(done?.statusReason).toBe('Stack CREATE completed successfully');
  });

  it('resolves the template’s outputs when an action ends, keeping passwords across updates', async () => {
    const wordpress = findApp('wordpress')!.templates.nova;
    const stack = await driver.createStack({ ...spec(), template: wordpress });
    expect(stack.outputs).toEqual([]);
    now += 60_000;
    const done = (await driver.getStack(stack.id))!;
    expect(done.outputs.map((o) => o.key)).toEqual(['url', 'admin_password', 'servers']);
    expect(done.outputs[0]!.value).toMatch(/^http:\/\/10\.0\.0\.\d+\/$/);
    expect(done.outputs[1]!.value).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(done.outputs[2]!.value).toEqual(['wordpress-0', 'wordpress-1']);
    await driver.updateStack(stack.id, {
      ...spec({ flavor: 'm1.large', count: 3 }),
      template: wordpress,
    });
    now += 60_000;
    const updated = (await driver.getStack(stack.id))!;
    expect(updated.outputs[1]!.value).toBe(done.outputs[1]!.value);
    expect(updated.outputs[2]!.value).toHaveLength(3);
  });

  it('fails a create when the parameters ask for it, with a reason as Heat words it', async () => {
    const stack = await driver.createStack(spec({ count: 1, simulate_failure: true }));
    now += 2000;
    const failed = await driver.getStack(stack.id);
    expect(failed?.status).toBe('CREATE_FAILED');
    expect(failed?.statusReason).toMatch(/^Resource CREATE failed: /);
  });

  it('fails at the configured rate', async () => {
    const always = new SimulatedDriver({ db, now: () => now, failureRate: 1 });
    const stack = await always.createStack(spec());
    now += 60_000;
    expect((await always.getStack(stack.id))?.status).toBe('CREATE_FAILED');
  });

  it('finds a live stack by name, which is how a retried create avoids a second stack', async () => {
    const stack = await driver.createStack(spec());
    expect((await driver.findStack('deployer-1', 'RegionOne'))?.id).toBe(stack.id);
    expect(await driver.findStack('deployer-1', 'RegionTwo')).toBeNull();
    await expect(driver.createStack(spec())).rejects.toThrow(/already exists/);
  });

  it('updates a complete stack and refuses one in progress', async () => {
    const stack = await driver.createStack(spec());
    await expect(driver.updateStack(stack.id, spec({ count: 3 }))).rejects.toThrow(
      /CREATE_IN_PROGRESS/,
    );
    now += 5000;
    await driver.updateStack(stack.id, spec({ count: 3 }));
    expect((await driver.getStack(stack.id))?.status).toBe('UPDATE_IN_PROGRESS');
    now += 1300;
    expect((await driver.getStack(stack.id))?.status).toBe('UPDATE_COMPLETE');
  });

  it('deletes a stack: gone afterwards, its name free again', async () => {
    const stack = await driver.createStack(spec());
    now += 5000;
    await driver.deleteStack(stack.id);
    expect((await driver.getStack(stack.id))?.status).toBe('DELETE_IN_PROGRESS');
    now += 500;
    expect(await driver.getStack(stack.id)).toBeNull();
    expect(await driver.findStack('deployer-1', 'RegionOne')).toBeNull();
    await driver.deleteStack(stack.id); // already gone: nothing to do
    expect((await driver.createStack(spec())).id).not.toBe(stack.id);
  });

  it('keeps its stacks in the database: a new driver (a restart) sees them', async () => {
    const stack = await driver.createStack(spec());
    const restarted = new SimulatedDriver({ db, now: () => now + 5000 });
    expect((await restarted.getStack(stack.id))?.status).toBe('CREATE_COMPLETE');
  });
});

/**
 * A cloud that models Heat's stack lifecycle without one: a create, update or delete runs for
 * a while (longer for more instances) and then completes — or fails, at a configured rate or
 * when the parameters ask for it with `simulate_failure: true`.
 *
 * When an action ends, the stack's outputs are resolved from its template as Heat would
 * (hot-model.ts): a URL, a password that stays the same across updates.
 *
 * Stacks live in the deployer's database, so they survive a restart and several processes
 * share them. Nothing runs in the background: an action's outcome and end time are decided
 * when it starts, and a read after that time records the end (compare-and-set, so concurrent
 * readers agree).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeployerDatabase, SimulatedStacksTable } from '../domain/schema.js';
import { statusOf, type Action, type Status } from '../domain/states.js';
import { SIMULATE_FAILURE } from '../domain/validation.js';
import type { CloudDriver, Stack, StackParameters, StackSpec } from './driver.js';
import { modelStack, type ResourceStates } from './hot-model.js';

export interface SimulatedDelays {
  /** Milliseconds any create or update takes... */
  base: number;
  /** ...plus this much per instance (the `count` parameter). */
  perInstance: number;
  /** Milliseconds a delete takes. */
  delete: number;
}

export interface SimulatedDriverOptions {
  db: Kysely<DeployerDatabase>;
  delays?: Partial<SimulatedDelays>;
  /** The share of lifecycles that fail on their own, 0 to 1. */
  failureRate?: number;
  now?: () => number;
  random?: () => number;
}

/** About ten seconds for the largest deployment, so that the demo stays lively. */
export const DEFAULT_DELAYS: SimulatedDelays = { base: 2000, perInstance: 400, delete: 1500 };

/** Reasons worded as Heat words them, so that the GUI and the alarms look real. */
const FAILURE_REASONS: Record<Action, readonly string[]> = {
  CREATE: [
    'Resource CREATE failed: ResourceInError: resources.web_servers.resources[0]: Went to status ERROR due to "Message: No valid host was found. There are not enough hosts available., Code: 500"',
    'Resource CREATE failed: OverQuotaClient: resources.web_servers: Quota exceeded for instances: Requested 1, but already used 10 of 10 instances',
  ],
  UPDATE: [
    'Resource UPDATE failed: ResourceInError: resources.web_servers.resources[1]: Went to status ERROR due to "Message: Build of instance aborted: Flavor\'s disk is too small for requested image., Code: 500"',
  ],
  DELETE: [
    'Resource DELETE failed: Conflict: resources.load_balancer: Load Balancer is immutable and cannot be updated while in status PENDING_UPDATE',
  ],
};

export class SimulatedDriver implements CloudDriver {
  readonly #db: Kysely<DeployerDatabase>;
  readonly #delays: SimulatedDelays;
  readonly #failureRate: number;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(options: SimulatedDriverOptions) {
    this.#db = options.db;
    this.#delays = { ...DEFAULT_DELAYS, ...options.delays };
    this.#failureRate = options.failureRate ?? 0;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  async createStack(spec: StackSpec): Promise<Stack> {
    const existing = await this.findStack(spec.name, spec.region);
    if (existing) throw new Error(`The Stack (${spec.name}) already exists.`);
    const now = new Date(this.#now()).toISOString();
    const row: SimulatedStacksTable = {
      id: randomUUID(),
      name: spec.name,
      region: spec.region,
      parameters: JSON.stringify(spec.parameters),
      template: JSON.stringify(spec.template),
      outputs: '[]',
      resources: '{}',
      created_at: now,
      updated_at: now,
      ...this.#start('CREATE', spec.parameters),
    };
    // A concurrent create of the same name loses on the unique index, as Heat answers 409.
    await this.#db.insertInto('simulated_stacks').values(row).execute();
    return toStack(row);
  }

  async findStack(name: string, region: string): Promise<Stack | null> {
    const row = await this.#db
      .selectFrom('simulated_stacks')
      .selectAll()
      .where('name', '=', name)
      .where('region', '=', region)
      .where('status', '!=', 'DELETE_COMPLETE')
      .executeTakeFirst();
    return row ? this.#settle(row) : null;
  }

  async getStack(id: string): Promise<Stack | null> {
    const row = await this.#db
      .selectFrom('simulated_stacks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.#settle(row) : null;
  }

  async updateStack(id: string, spec: StackSpec): Promise<void> {
    const stack = await this.getStack(id);
    if (!stack) throw new Error(`The Stack (${id}) could not be found.`);
    if (stack.status.endsWith('_IN_PROGRESS'))
      throw new Error(`Updating a stack when it is ${stack.status} is not supported.`);
    await this.#transition(id, stack.status, {
      parameters: JSON.stringify(spec.parameters),
      template: JSON.stringify(spec.template),
      ...this.#start('UPDATE', spec.parameters),
    });
  }

  async deleteStack(id: string): Promise<void> {
    const stack = await this.getStack(id);
    if (!stack || stack.status === 'DELETE_IN_PROGRESS') return;
    const row = await this.#db
      .selectFrom('simulated_stacks')
      .select('parameters')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await this.#transition(id, stack.status, this.#start('DELETE', JSON.parse(row.parameters)));
  }

  async close(): Promise<void> {}

  /** How an action that starts now will end, and when. */
  #start(action: Action, parameters: StackParameters) {
    const instances = Number(parameters.count ?? 1);
    const duration =
      action === 'DELETE'
        ? this.#delays.delete
        : this.#delays.base + this.#delays.perInstance * instances;
    const fails = parameters[SIMULATE_FAILURE] === true || this.#random() < this.#failureRate;
    const reasons = FAILURE_REASONS[action];
    return {
      status: statusOf(action, 'IN_PROGRESS'),
      status_reason: `Stack ${action} started`,
      outcome: fails ? ('FAILED' as const) : ('COMPLETE' as const),
      failure_reason: reasons[Math.floor(this.#random() * reasons.length)] ?? reasons[0]!,
      finishes_at: this.#now() + duration,
    };
  }

  /** Records the end of an action whose time has come; the stack as it is now. */
  async #settle(row: SimulatedStacksTable): Promise<Stack | null> {
    const status = row.status as Status;
    if (status.endsWith('_IN_PROGRESS') && this.#now() >= row.finishes_at) {
      const action = status.slice(0, status.indexOf('_')) as Action;
      await this.#transition(row.id, status, {
        status: statusOf(action, row.outcome),
        status_reason:
          row.outcome === 'COMPLETE'
            ? `Stack ${action} completed successfully`
            : row.failure_reason,
        ...(action !== 'DELETE' && this.#resolve(row, action)),
      });
      // Read again: another reader may have moved it first, or a delete may have started.
      row = await this.#db
        .selectFrom('simulated_stacks')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
    }
    return row.status === 'DELETE_COMPLETE' ? null : toStack(row);
  }

  /** The outputs and resources an action on this stack leaves (a failed one keeps passwords). */
  #resolve(row: SimulatedStacksTable, action: Action) {
    const model = modelStack(JSON.parse(row.template), JSON.parse(row.parameters), {
      action,
      stackName: row.name,
      stackId: row.id,
      previous: JSON.parse(row.resources) as ResourceStates,
    });
    return { outputs: JSON.stringify(model.outputs), resources: JSON.stringify(model.resources) };
  }

  /** Moves a stack on from the status it was read in; a concurrent move wins, harmlessly. */
  async #transition(id: string, from: Status, changes: Partial<SimulatedStacksTable>) {
    await this.#db
      .updateTable('simulated_stacks')
      .set({ ...changes, updated_at: new Date(this.#now()).toISOString() })
      .where('id', '=', id)
      .where('status', '=', from)
      .execute();
  }
}

function toStack(row: SimulatedStacksTable): Stack {
  return {
    id: row.id,
    name: row.name,
    status: row.status as Status,
    statusReason: row.status_reason,
    outputs: JSON.parse(row.outputs),
  };
}

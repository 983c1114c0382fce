/**
 * The background loop that carries lifecycles out: it finds deployments whose create, update
 * or delete is in progress, drives the cloud (outside any request's transaction), polls the
 * stack, and records how the lifecycle ended — the status, the event and the notification in
 * one short transaction.
 *
 * Everything it knows is in the database, so a restart resumes where it stopped: the stack is
 * named after the deployment (a create retried after a crash finds the stack instead of
 * making a second), and `submitted` says whether the driver call was made. Several processes
 * may run it: a deployment is claimed for a lease before it is worked on, and every write
 * checks the row's `version`, so no lifecycle is finished twice.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pecan';
import { backoffDelay, type BackoffPolicy } from '../../shared/backoff.js';
import { findApp, type Templates } from './catalogue.js';
import { findFlavor } from './flavors.js';
import {
  PermanentDriverError,
  stackName,
  type CloudDriver,
  type Stack,
  type StackOutput,
  type StackSpec,
} from '../drivers/driver.js';
import { transition, type DeploymentRow, type LifecycleContext } from './deployments.js';
import type { DeployerDatabase } from './schema.js';
import { actionOf, stateOf, statusOf, type Action, type Status } from './states.js';

export interface ReconcilerOptions {
  db: Kysely<DeployerDatabase>;
  driver: CloudDriver;
  context: LifecycleContext;
  /** The template set stacks are made from (default: nova). */
  templates?: Templates;
  /** How often to look for work when nobody calls `wake()`. Default 1000 ms. */
  pollMs?: number;
  /** How often to poll a stack in progress. Default 500 ms. */
  checkMs?: number;
  /**
   * How long a claimed deployment is left to this process (default 15 s): a process that dies
   * holding one delays its lifecycle by up to this much. Keep it above the driver's timeouts.
   */
  leaseMs?: number;
  /**
   * How long a stack may stay in progress before the lifecycle is given up as failed (default:
   * no limit). Heat fails a stack at its own `timeout_mins`, but only while heat-engine works
   * on it: a stack whose engine died mid-action stays IN_PROGRESS for good. The openstack
   * driver's wiring sets Heat's timeout plus a grace period.
   */
  deadlineMs?: number;
  /** Delays between retries of a failing driver call. */
  backoff?: BackoffPolicy;
  /** Called after a transaction that wrote notifications (wakes the outbox dispatcher). */
  onNotify?: () => void;
  logger?: Logger;
  now?: () => number;
}

/** Retries of a failing cloud go on for as long as it takes, at most this far apart. */
const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 60_000, factor: 2 };
const BATCH = 20;

type Outcome =
  { done: false } | { done: true; status: Status; reason: string; outputs: StackOutput[] };

export class Reconciler {
  readonly #options: ReconcilerOptions;
  readonly #now: () => number;
  #running: Promise<void> | null = null;
  #stopping = false;
  #wakeUp: (() => void) | null = null;
  #woken = false;

  constructor(options: ReconcilerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    if (this.#running) return;
    this.#stopping = false;
    this.#running = this.#loop();
  }

  /** Stops looking for work and waits for the deployment in hand. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.wake();
    await this.#running;
    this.#running = null;
  }

  /** Looks for work now (after a request committed a new lifecycle). */
  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  /** Works once on every deployment that is due; resolves to how many it worked on. */
  async runDue(): Promise<number> {
    const due = await this.#inProgress()
      .selectAll()
      .where('next_check_at', '<=', this.#now())
      .orderBy('next_check_at')
      .limit(BATCH)
      .execute();
    for (const row of due) {
      if (this.#stopping) break;
      await this.#work(row);
    }
    return due.length;
  }

  #inProgress() {
    return this.#options.db
      .selectFrom('deployments')
      .where('status', 'in', ['CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'DELETE_IN_PROGRESS']);
  }

  async #loop(): Promise<void> {
    const pollMs = this.#options.pollMs ?? 1000;
    while (!this.#stopping) {
      this.#woken = false;
      let wait = pollMs;
      try {
        await this.runDue();
        // Sleep until the next deployment is due, or the next poll for other processes' work.
        const next = await this.#inProgress()
          .select((eb) => eb.fn.min('next_check_at').as('due'))
          .executeTakeFirst();
        if (next?.due != null) wait = Math.min(pollMs, Math.max(0, Number(next.due) - this.#now()));
      } catch (error) {
        this.#options.logger?.error(`reconciler: cannot read deployments: ${describe(error)}`);
      }
      if (!this.#woken && !this.#stopping) await this.#sleep(wait);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#wakeUp = done;
    });
  }

  /** Claims a deployment, takes one step of its lifecycle, and records the result. */
  async #work(found: DeploymentRow): Promise<void> {
    const { leaseMs = 15_000, checkMs = 500 } = this.#options;
    const claimed = await this.#save(found, { next_check_at: this.#now() + leaseMs });
    if (!claimed) return; // another process claimed it, or a request changed it
    let row = claimed;
    try {
      const submitted = row.submitted;
      const started = await this.#start(row);
      if (!started) return;
      row = started;
      // Just after it accepted an update, Heat may still show the previous action's end for
      // a moment: the first look comes one check later.
      const outcome: Outcome = submitted || !row.stack_id ? await this.#look(row) : { done: false };
      if (outcome.done) await this.#finish(row, outcome.status, outcome.reason, outcome.outputs);
      else
        await this.#save(row, {
          attempts: 0,
          last_error: null,
          next_check_at: this.#now() + checkMs,
        });
    } catch (error) {
      if (error instanceof PermanentDriverError) {
        await this.#finish(
          row,
          statusOf(actionOf(row.status as Status), 'FAILED'),
          error.message,
          JSON.parse(row.outputs) as StackOutput[],
        );
        return;
      }
      // The cloud is unreachable or answered 5xx: try again later, never give the lifecycle up.
      const attempts = row.attempts + 1;
      const delay = backoffDelay(attempts, this.#options.backoff ?? DEFAULT_BACKOFF);
      this.#options.logger?.warn(
        `reconciler: ${row.status} of ${row.id} failed (attempt ${attempts}), retrying in ${delay} ms: ${describe(error)}`,
      );
      await this.#save(row, {
        attempts,
        last_error: describe(error).slice(0, 1000),
        next_check_at: this.#now() + delay,
      });
    }
  }

  /**
   * Makes the driver call that starts the lifecycle, once (`submitted`), and records the stack;
   * the row as saved, or null if it moved on meanwhile. A stack made by a process that crashed
   * before recording it is found by its name instead of being made again.
   */
  async #start(row: DeploymentRow): Promise<DeploymentRow | null> {
    const { driver } = this.#options;
    const action = actionOf(row.status as Status);
    const name = stackName(row.id);
    let stackId = row.stack_id ?? (await driver.findStack(name, row.region))?.id ?? null;
    if (!row.submitted) {
      if (action === 'DELETE') {
        if (stackId) await driver.deleteStack(stackId, name, row.region);
      } else if (!stackId) {
        // A create, or an update of a deployment whose create never reached the cloud.
        stackId = (await driver.createStack(this.#spec(row))).id;
      } else if (action === 'UPDATE') {
        await driver.updateStack(stackId, this.#spec(row));
      }
    }
    if (row.submitted && row.stack_id === stackId) return row;
    return this.#save(row, { stack_id: stackId, submitted: 1 });
  }

  /** How the lifecycle stands, from the stack. */
  async #look(row: DeploymentRow): Promise<Outcome> {
    const action = actionOf(row.status as Status);
    // Only a delete gets here without a stack: there was none to delete.
    if (!row.stack_id) return this.#outcome(action, null);
    const outcome = this.#outcome(
      action,
      await this.#options.driver.getStack(row.stack_id, stackName(row.id), row.region),
    );
    const { deadlineMs } = this.#options;
    if (outcome.done || deadlineMs === undefined) return outcome;
    // The lifecycle began with its latest event (its `.start`); its age is the stack's.
    const began = await this.#options.db
      .selectFrom('deployment_events')
      .select('created_at')
      .where('deployment_id', '=', row.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const age = began ? this.#now() - Date.parse(began.created_at) : 0;
    if (!(age > deadlineMs)) return outcome;
    return {
      done: true,
      status: statusOf(action, 'FAILED'),
      reason:
        `The cloud has not finished this ${action} in ${Math.round(age / 60_000)} minutes, ` +
        `past its ${Math.round(deadlineMs / 60_000)}-minute deadline: heat-engine may have ` +
        'stopped while working on the stack. The stack is left as the cloud has it.',
      outputs: JSON.parse(row.outputs) as StackOutput[],
    };
  }

  #outcome(action: Action, stack: Stack | null): Outcome {
    if (!stack) {
      return action === 'DELETE'
        ? {
            done: true,
            status: 'DELETE_COMPLETE',
            reason: 'Stack DELETE completed successfully',
            outputs: [],
          }
        : {
            done: true,
            status: statusOf(action, 'FAILED'),
            reason: 'The stack no longer exists.',
            outputs: [],
          };
    }
    // Heat reports the state of its last action, which this lifecycle started: an update of
    // a deployment whose create never reached the cloud ends when that create does.
    const state = stateOf(stack.status);
    if (state === 'IN_PROGRESS') return { done: false };
    return {
      done: true,
      status: statusOf(action, state),
      reason: stack.statusReason,
      outputs: stack.outputs,
    };
  }

  #spec(row: DeploymentRow): StackSpec {
    const app = findApp(row.app);
    if (!app) throw new PermanentDriverError(`Unknown app ${row.app}`);
    const { kind, waitSecs } = this.#options.templates ?? { kind: 'nova', waitSecs: 0 };
    const template = app.templates[kind];
    return {
      name: stackName(row.id),
      template,
      region: row.region,
      parameters: {
        ...(JSON.parse(row.params) as StackSpec['parameters']),
        flavor: findFlavor(row.size)?.novaFlavor ?? row.size,
        count: row.count,
        ...('wait_secs' in template.parameters && { wait_secs: waitSecs }),
      },
    };
  }

  /** Ends the lifecycle: status, outputs, event and notification in one transaction. */
  async #finish(
    row: DeploymentRow,
    status: Status,
    reason: string,
    outputs: StackOutput[],
  ): Promise<void> {
    const { db, context } = this.#options;
    const finished = await db.transaction().execute((trx) =>
      transition(
        trx,
        row,
        {
          status,
          status_reason: reason,
          outputs: JSON.stringify(outputs),
          next_check_at: null,
          attempts: 0,
          last_error: null,
        },
        context,
      ),
    );
    if (finished) this.#options.onNotify?.();
  }

  /** Writes `changes` if the row is still the version we hold; the new row, or null. */
  #save(row: DeploymentRow, changes: Partial<DeploymentRow>): Promise<DeploymentRow | null> {
    return transition(this.#options.db, row, changes, this.#options.context);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

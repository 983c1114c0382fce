/**
 * The deployer's tables, as Kysely sees them. Times a person reads are ISO strings; times the
 * workers compare are epoch milliseconds.
 */
import type { Generated } from 'kysely';
import type { OutboxDatabase } from '../../shared/outbox.js';

export interface DeploymentsTable {
  id: string;
  name: string;
  app: string;
  size: string;
  count: number;
  region: string;
  /** The template parameters the user set, as JSON. */
  params: string;
  status: string;
  status_reason: string;
  /** The cloud's stack, once the driver has made it. */
  stack_id: string | null;
  /** 1 once the driver call that starts the current lifecycle has been made. */
  submitted: number;
  /** Optimistic concurrency: every write checks and bumps it. */
  version: number;
  /** Driver errors in a row during this lifecycle (reset when one call succeeds). */
  attempts: number;
  last_error: string | null;
  /** When the reconciler should look at this deployment next (lifecycles in progress). */
  next_check_at: number | null;
  /** The stack's outputs when its last lifecycle ended, as JSON (`StackOutput[]`). */
  outputs: string;
  created_at: string;
  updated_at: string;
}

export interface DeploymentEventsTable {
  /** Autoincrement: the change feed follows it. */
  id: Generated<number>;
  deployment_id: string;
  event_type: string;
  status: string;
  status_reason: string;
  created_at: string;
}

/** The simulated cloud's stacks (drivers/simulated.ts), kept here to survive restarts. */
export interface SimulatedStacksTable {
  id: string;
  name: string;
  region: string;
  status: string;
  status_reason: string;
  parameters: string;
  /** How the running action will end, decided when it started. */
  outcome: 'COMPLETE' | 'FAILED';
  failure_reason: string;
  finishes_at: number;
  /** The HOT template of the running action, as JSON. */
  template: string;
  /** The outputs as the last finished action left them, as JSON (`StackOutput[]`). */
  outputs: string;
  /** What the last action left in each resource (`ResourceStates`, hot-model.ts), as JSON. */
  resources: string;
  created_at: string;
  updated_at: string;
}

export interface DeployerTables {
  deployments: DeploymentsTable;
  deployment_events: DeploymentEventsTable;
  simulated_stacks: SimulatedStacksTable;
}

/** Everything in the deployer's database: its own tables and the shared outbox. */
export type DeployerDatabase = DeployerTables & OutboxDatabase;

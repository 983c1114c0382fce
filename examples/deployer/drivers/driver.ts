/**
 * The one interface the deployer drives a cloud through, shaped like Heat's stack API so that
 * the OpenStack driver is a thin translation and the simulated one models the same lifecycle.
 *
 * Calls are made by the reconciler, never inside a request's transaction. A driver throws a
 * `PermanentDriverError` when retrying cannot help (the cloud refused the request: the lifecycle
 * fails with its message); any other error is taken as transient and the call is retried.
 */
import type { HotTemplate } from '../domain/catalogue.js';
import type { Status } from '../domain/states.js';

export type StackParameters = Record<string, string | number | boolean>;

export interface StackSpec {
  /** Unique per cloud project; derived from the deployment id (see `stackName`). */
  name: string;
  template: HotTemplate;
  parameters: StackParameters;
  /** The region to create the stack in (drivers that have one). */
  region: string;
}

export interface Stack {
  id: string;
  name: string;
  status: Status;
  statusReason: string;
  /** The template's outputs as the cloud resolved them (Heat: once the stack has resources). */
  outputs: StackOutput[];
}

/** One of a stack's outputs: Heat's `{output_key, output_value, description, output_error}`. */
export interface StackOutput {
  key: string;
  /** Any JSON: a string, or a list from a ResourceGroup. Null while it cannot be resolved. */
  value: unknown;
  description: string;
  /** Why the value could not be resolved. */
  error?: string;
}

export interface CloudDriver {
  /** Starts creating a stack; resolves with it (usually CREATE_IN_PROGRESS). */
  createStack(spec: StackSpec): Promise<Stack>;
  /** The live stack with this name, or null: how a retried create finds a stack it already made. */
  findStack(name: string, region: string): Promise<Stack | null>;
  /** The stack now, or null when it no longer exists (deleted). */
  getStack(id: string, name: string, region: string): Promise<Stack | null>;
  /** Starts updating a stack to new parameters. */
  updateStack(id: string, spec: StackSpec): Promise<void>;
  /** Starts deleting a stack; resolves at once if it is already gone. */
  deleteStack(id: string, name: string, region: string): Promise<void>;
  /** Releases what the driver holds (timers, connections). */
  close(): Promise<void>;
}

/** The cloud refused the request: retrying the same call cannot succeed. */
export class PermanentDriverError extends Error {
  override name = 'PermanentDriverError';
}

/**
 * A stack's name, from the deployment's id (never from the user's name, which can change): a
 * create retried after a crash looks this name up and finds the stack it made before.
 */
export function stackName(deploymentId: string): string {
  return `deployer-${deploymentId}`;
}

/**
 * What users do to deployments, as functions of a query executor `q` (the request's
 * transaction): each lifecycle change writes the deployment, a timeline event and the
 * notification together, so they commit or roll back as one. The cloud is not called here: the
 * reconciler picks the lifecycle up after the commit.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { enqueue } from '../../shared/outbox.js';
import type { StackOutput } from '../drivers/driver.js';
import { isSecretOutput } from './catalogue.js';
import { Conflict, InvalidInput, NotFound } from './errors.js';
import { deploymentNotification, NOTIFICATIONS_TOPIC } from './notifications.js';
import type { DeployerDatabase, DeploymentsTable } from './schema.js';
import { conflictFor, statusOf, type Action, type Status } from './states.js';
import { checkCreate, checkUpdate, type ParamValue, type ValidationOptions } from './validation.js';

export type Q = Kysely<DeployerDatabase>;
export type DeploymentRow = Selectable<DeploymentsTable>;

export interface LifecycleContext {
  /** `publisher_id` of the notifications: `deployer.<host>`. */
  publisherId: string;
  now?: () => Date;
}

export interface Deployment {
  id: string;
  name: string;
  app: string;
  size: string;
  count: number;
  region: string;
  params: Record<string, ParamValue>;
  status: Status;
  statusReason: string;
  stackId: string | null;
  /** The last error talking to the cloud while this lifecycle is retried, else null. */
  lastError: string | null;
  /** The cloud calls that failed in a row in this lifecycle (0 once one succeeds). */
  attempts: number;
  /** When the failed call is tried again (ISO time), while `lastError` is set; else null. */
  retryAt: string | null;
  /** The stack's outputs when its last lifecycle ended (none once deleted). */
  outputs: DeploymentOutput[];
  createdAt: string;
  updatedAt: string;
}

/** A stack output as users see it; `secret` ones (a password) are shown only on request. */
export interface DeploymentOutput {
  key: string;
  value: unknown;
  description: string;
  secret: boolean;
  /** Why the cloud could not resolve it (then `value` is null). */
  error: string | null;
}

export interface DeploymentEvent {
  id: number;
  eventType: string;
  status: Status;
  statusReason: string;
  createdAt: string;
}

export function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    name: row.name,
    app: row.app,
    size: row.size,
    count: row.count,
    region: row.region,
    params: JSON.parse(row.params) as Record<string, ParamValue>,
    status: row.status as Status,
    statusReason: row.status_reason,
    stackId: row.stack_id,
    lastError: row.last_error,
    attempts: row.attempts,
    retryAt:
      row.last_error !== null && row.next_check_at !== null
        ? new Date(Number(row.next_check_at)).toISOString()
        : null,
    outputs: (JSON.parse(row.outputs) as StackOutput[]).map((output) => ({
      key: output.key,
      value: output.value ?? null,
      description: output.description,
      secret: isSecretOutput(output.key),
      error: output.error ?? null,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findDeployment(q: Q, id: string): Promise<DeploymentRow | undefined> {
  return q.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getDeployment(q: Q, id: string): Promise<Deployment> {
  const row = await findDeployment(q, id);
  if (!row) throw new NotFound(`No deployment ${id}`);
  return toDeployment(row);
}

/** The deployment's timeline, oldest first. */
export async function listEvents(q: Q, id: string): Promise<DeploymentEvent[]> {
  const rows = await q
    .selectFrom('deployment_events')
    .selectAll()
    .where('deployment_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    eventType: row.event_type,
    status: row.status as Status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
  }));
}

export async function createDeployment(
  q: Q,
  body: unknown,
  options: ValidationOptions,
  context: LifecycleContext,
): Promise<Deployment> {
  const checked = checkCreate(body, options);
  if (!checked.ok) throw new InvalidInput(checked.errors);
  const input = checked.value;
  await assertNameFree(q, input.name);
  const now = (context.now ?? nowDate)();
  const row: DeploymentRow = {
    id: randomUUID(),
    name: input.name,
    app: input.app,
    size: input.size,
    count: input.count,
    region: input.region,
    params: JSON.stringify(input.params),
    status: 'CREATE_IN_PROGRESS',
    status_reason: 'Stack CREATE started',
    stack_id: null,
    submitted: 0,
    version: 1,
    attempts: 0,
    last_error: null,
    next_check_at: now.getTime(),
    outputs: '[]',
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await q.insertInto('deployments').values(row).execute();
  await recordEvent(q, row, context, now);
  return toDeployment(row);
}

/** Renames, resizes, rescales or re-parameterises: starts an update lifecycle. */
export async function updateDeployment(
  q: Q,
  id: string,
  body: unknown,
  context: LifecycleContext,
): Promise<Deployment> {
  const row = await findDeployment(q, id);
  if (!row) throw new NotFound(`No deployment ${id}`);
  const checked = checkUpdate(body, row.app);
  if (!checked.ok) throw new InvalidInput(checked.errors);
  assertMayStart(row, 'UPDATE');
  const { name, size, count, params } = checked.value;
  if (name !== undefined && name !== row.name) await assertNameFree(q, name);
  return startLifecycle(q, row, 'UPDATE', context, {
    ...(name !== undefined && { name }),
    ...(size !== undefined && { size }),
    ...(count !== undefined && { count }),
    ...(params !== undefined && {
      params: JSON.stringify({ ...JSON.parse(row.params), ...params }),
    }),
  });
}

/** Starts tearing a deployment down. */
export async function deleteDeployment(
  q: Q,
  id: string,
  context: LifecycleContext,
): Promise<Deployment> {
  const row = await findDeployment(q, id);
  if (!row) throw new NotFound(`No deployment ${id}`);
  assertMayStart(row, 'DELETE');
  return startLifecycle(q, row, 'DELETE', context, {});
}

function assertMayStart(row: DeploymentRow, action: 'UPDATE' | 'DELETE'): void {
  const conflict = conflictFor(row.status as Status, action);
  if (conflict) throw new Conflict(`Cannot ${action.toLowerCase()} ${row.name}: ${conflict}.`);
}

async function assertNameFree(q: Q, name: string): Promise<void> {
  const taken = await q
    .selectFrom('deployments')
    .select('id')
    .where('name', '=', name)
    .where('status', '!=', 'DELETE_COMPLETE')
    .executeTakeFirst();
  if (taken) throw new Conflict(`A deployment named ${name} already exists.`, 'name');
}

async function startLifecycle(
  q: Q,
  row: DeploymentRow,
  action: Action,
  context: LifecycleContext,
  changes: Partial<DeploymentRow>,
): Promise<Deployment> {
  const now = (context.now ?? nowDate)();
  const next = await transition(
    q,
    row,
    {
      ...changes,
      status: statusOf(action, 'IN_PROGRESS'),
      status_reason: `Stack ${action} started`,
      submitted: 0,
      attempts: 0,
      last_error: null,
      next_check_at: now.getTime(),
    },
    context,
  );
  if (!next) throw new Conflict(`${row.name} changed while this request ran; try again.`);
  return toDeployment(next);
}

/**
 * Moves a deployment on, if nobody else did since it was read (optimistic concurrency on
 * `version`), and — when the status changes — records the event and its notification in the
 * same executor. Resolves to the new row, or null when the row had moved on (nothing written).
 */
export async function transition(
  q: Q,
  row: DeploymentRow,
  changes: Partial<DeploymentRow>,
  context: LifecycleContext,
): Promise<DeploymentRow | null> {
  const now = (context.now ?? nowDate)();
  const next: DeploymentRow = {
    ...row,
    ...changes,
    version: row.version + 1,
    updated_at: now.toISOString(),
  };
  const { id: _id, ...values } = next;
  const result = await q
    .updateTable('deployments')
    .set(values)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  if (changes.status !== undefined) await recordEvent(q, next, context, now);
  return next;
}

/** The timeline event and the notification of the status the row is in now. */
async function recordEvent(
  q: Q,
  row: DeploymentRow,
  context: LifecycleContext,
  now: Date,
): Promise<void> {
  const status = row.status as Status;
  const notification = deploymentNotification(
    {
      deployment_id: row.id,
      name: row.name,
      app: row.app,
      size: row.size,
      count: row.count,
      region: row.region,
      status,
      status_reason: row.status_reason,
    },
    context.publisherId,
    now,
  );
  await q
    .insertInto('deployment_events')
    .values({
      deployment_id: row.id,
      event_type: notification.event_type,
      status,
      status_reason: row.status_reason,
      created_at: now.toISOString(),
    })
    .execute();
  await enqueue(q, NOTIFICATIONS_TOPIC, notification);
}

function nowDate(): Date {
  return new Date();
}

/**
 * Which Heat stack a notification is about, read from Heat's own notifications
 * (`orchestration.stack.<action>.<start|end|error>`, and `orchestration.autoscaling.*`, whose
 * payload describes the group's stack the same way). heat-engine builds the payload in
 * heat/engine/api.py, format_notification_body: `stack_identity` (the stack's id),
 * `stack_name`, `state` (`CREATE_FAILED`), `state_reason`, `tenant_id`, `user_identity`,
 * `username`, `create_at`, `updated_at`, `tags`, `description`.
 *
 * The deployer names its stacks `deployer-<deployment id>` (deployer/drivers/driver.ts,
 * stackName), so such a stack is tied to its deployment. Heat names a nested stack (a
 * ResourceGroup's, a template resource's) after its parent, `<parent>-<resource>-<random>`, and
 * notifies of it as of any stack (its payload names no parent), so a nested stack of a
 * deployer's stack is tied to the deployment too — but only the deployment's own stack speaks
 * for the deployment's lifecycle: a nested stack completes before its parent, which may still
 * fail.
 */
import type { Notification } from '../../shared/notification.js';

export interface StackRef {
  id: string;
  name: string;
  /** Why the stack is in its state (the payload's `state_reason`), when it says. */
  statusReason: string | null;
  /** The deployment the stack was made for, when the deployer made it (or its parent). */
  deploymentId: string | null;
  /** Whether this is a nested stack of the deployment's stack, not the stack itself. */
  nested: boolean;
}

const HEAT_EVENT = /^orchestration\./;
const DEPLOYER_STACK =
  /^deployer-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(-.+)?$/i;

export function stackOf(notification: Notification): StackRef | null {
  if (!HEAT_EVENT.test(notification.event_type)) return null;
  const { payload } = notification;
  const id = text(payload.stack_identity, 255);
  const name = text(payload.stack_name, 255);
  if (id === null || name === null) return null;
  const deployer = DEPLOYER_STACK.exec(name);
  return {
    id,
    name,
    statusReason: text(payload.state_reason, 2000),
    deploymentId: deployer?.[1]?.toLowerCase() ?? null,
    nested: deployer?.[2] !== undefined,
  };
}

/**
 * A stack's own lifecycle (`orchestration.stack.create.end`, …): the events whose success
 * resolves the stack's alarms. An autoscaling event that ends well says nothing of a failure
 * before it.
 */
export function isStackLifecycle(eventType: string): boolean {
  return eventType.startsWith('orchestration.stack.');
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : null;
}

/**
 * Which deployment a notification is about, read from its payload. The deployer publishes
 * `deployment_id` and `name` (OpenStack payloads name their resource this way: Heat's
 * `stack_identity`/`stack_name`, Nova's `instance_id`/`display_name`); `id` is accepted for the
 * id too. A payload without an id concerns no deployment: its alarms show none.
 */
export interface DeploymentRef {
  id: string;
  name: string;
}

export function deploymentOf(payload: Record<string, unknown>): DeploymentRef | null {
  const id = text(payload.deployment_id) ?? text(payload.id);
  if (id === null) return null;
  return { id, name: text(payload.name) ?? text(payload.deployment_name) ?? id };
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value.slice(0, 255) : null;
}

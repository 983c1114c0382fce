/**
 * Which deployment a notification is about, read from its payload as the deployer publishes it
 * (snake_case, as Heat's `orchestration.stack.*` payloads): `deployment_id`, `name`, and
 * `status_reason` — why a lifecycle failed, worth showing with the alarm. A payload without a
 * `deployment_id` concerns no deployment: its alarms show none.
 */
export interface DeploymentRef {
  id: string;
  name: string;
  statusReason: string | null;
}

export function deploymentOf(payload: Record<string, unknown>): DeploymentRef | null {
  const id = text(payload.deployment_id, 255);
  if (id === null) return null;
  return {
    id,
    name: text(payload.name, 255) ?? id,
    statusReason: text(payload.status_reason, 2000),
  };
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : null;
}

/**
 * What a notification is about: a deployment (the deployer's `deployment.*`, or Heat's
 * `orchestration.stack.*` for a stack the deployer made), a stack (Heat's, made by the deployer
 * or not), both, or neither. An alarm keeps both; a success clears the open alarms of the
 * deployment, or of the stack when there is no deployment.
 */
import type { Kysely } from 'kysely';
import type { Notification } from '../../shared/notification.js';
import { deploymentOf, type DeploymentRef } from './deployment-of.js';
import { stackOf, type StackRef } from './heat-stack.js';
import { knownDeploymentName, rememberDeployment } from './known-deployments.js';
import type { NotifierDatabase } from './schema.js';

export interface Subject {
  deployment: DeploymentRef | null;
  stack: StackRef | null;
}

/** Reads the subject; a deployer notification also records the deployment's name. */
export async function subjectOf(
  q: Kysely<NotifierDatabase>,
  notification: Notification,
): Promise<Subject> {
  const stack = stackOf(notification);
  const deployment = deploymentOf(notification.payload);
  if (deployment !== null) {
    if (deployment.name !== deployment.id)
      await rememberDeployment(q, deployment, notification.timestamp);
    return { deployment, stack };
  }
  if (stack?.deploymentId) {
    const id = stack.deploymentId;
    const name = (await knownDeploymentName(q, id)) ?? id;
    return { deployment: { id, name, statusReason: stack.statusReason }, stack };
  }
  return { deployment: null, stack };
}

/** How the subject reads in a reason or a summary: `deployment shop`, `stack web`. */
export function describeSubject(subject: Subject): string {
  if (subject.deployment) return `deployment ${subject.deployment.name}`;
  if (subject.stack) return `stack ${subject.stack.name}`;
  return 'no deployment';
}

/**
 * The deployments the notifier has heard of, by id, with the name the deployer last gave each.
 * Heat's notifications name only the stack (`deployer-<id>`); a Heat alarm tied to a deployment
 * shows the deployment's name from here. The deployer's `deployment.create.start` comes before
 * the stack exists, so the name is usually known by the time Heat speaks of it.
 */
import type { Kysely } from 'kysely';
import type { DeploymentRef } from './deployment-of.js';
import type { NotifierDatabase } from './schema.js';

type Q = Kysely<NotifierDatabase>;

/**
 * Records the deployment's name, unless a newer notification already gave one (notifications
 * may arrive out of order; oslo's timestamps sort as text).
 */
export async function rememberDeployment(
  q: Q,
  deployment: DeploymentRef,
  timestamp: string,
): Promise<void> {
  await q
    .insertInto('known_deployments')
    .values({ id: deployment.id, name: deployment.name, notified_at: timestamp })
    .onConflict((conflict) =>
      conflict
        .column('id')
        .doUpdateSet({ name: deployment.name, notified_at: timestamp })
        .where('known_deployments.notified_at', '<=', timestamp),
    )
    .execute();
}

export async function knownDeploymentName(q: Q, id: string): Promise<string | null> {
  const row = await q
    .selectFrom('known_deployments')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name ?? null;
}

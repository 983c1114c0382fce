/** Picks the cloud driver by its settings' `kind`: a new cloud is one more case here. */
import type { Kysely } from 'kysely';
import type { DeployerDatabase } from '../domain/schema.js';
import type { CloudDriver } from './driver.js';
import { HeatDriver, type OpenStackDriverSettings } from './openstack/heat.js';
import { SimulatedDriver, type SimulatedDelays } from './simulated.js';

export interface SimulatedDriverSettings {
  kind: 'simulated';
  delays?: Partial<SimulatedDelays>;
  /** The share of lifecycles that fail on their own, 0 to 1 (default 0). */
  failureRate?: number;
}

export type DriverSettings = SimulatedDriverSettings | OpenStackDriverSettings;

export function createDriver(settings: DriverSettings, db: Kysely<DeployerDatabase>): CloudDriver {
  switch (settings.kind) {
    case 'simulated':
      return new SimulatedDriver({
        db,
        ...(settings.delays && { delays: settings.delays }),
        ...(settings.failureRate !== undefined && { failureRate: Number(settings.failureRate) }),
      });
    case 'openstack':
      return new HeatDriver(settings);
    default:
      throw new Error(
        `driver: unknown kind ${JSON.stringify((settings as { kind?: unknown }).kind)}`,
      );
  }
}

/** Past Heat's own stack timeout, the time a lifecycle is given before the reconciler gives up. */
const DEADLINE_GRACE_MINS = 5;

/**
 * How long a stack may stay in progress (the reconciler's `deadlineMs`): Heat's timeout plus a
 * grace period for the openstack driver, whose stacks can be stranded by a dead heat-engine;
 * none for the simulated cloud, which always finishes.
 */
export function lifecycleDeadlineMs(settings: DriverSettings): number | undefined {
  if (settings.kind !== 'openstack') return undefined;
  return (Number(settings.stackTimeoutMins ?? 60) + DEADLINE_GRACE_MINS) * 60_000;
}

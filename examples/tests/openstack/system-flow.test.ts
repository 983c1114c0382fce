/**
 * The reference system's end-to-end flow (system-flow.ts: each lifecycle, a failure, the
 * notifier down during a burst, the deployer killed mid-lifecycle, every notification once)
 * with the deployer driving the real Heat: `DEPLOYER_DRIVER=openstack` with the deployer's
 * OS_* credentials and the catalogue's templates that need no compute (`DEPLOYER_TEMPLATES=test`).
 */
import { afterAll } from 'vitest';
import { systemFlow } from '../system-flow.js';
import { startSystem } from '../system.js';
import { cloudEnv, deleteStacks } from './cloud.js';

afterAll(() => deleteStacks('deployer-'), 120_000);

systemFlow(
  'the reference system on a real Keystone + Heat',
  () =>
    startSystem({
      deployerEnv: { DEPLOYER_DRIVER: 'openstack', DEPLOYER_TEMPLATES: 'test', ...cloudEnv() },
    }),
  { slowness: 3 },
);

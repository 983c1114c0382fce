import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:openstack`: the deployer and the notifier against a real Keystone and Heat
 * (Debian's packages, configured by deploy/openstack/up.sh). deploy/openstack/test/run.sh sets
 * up the cloud, runs these and stops it; `npm test` leaves them out.
 */
export default defineConfig({
  resolve: {
    alias: {
      'pecan/testing': fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)),
      pecan: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['examples/tests/openstack/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One cloud, and stopping its daemons is part of a test: one suite at a time.
    fileParallelism: false,
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples and docs import 'pecan'; tests run them against the source.
    // 'pecan/testing' comes first: an alias also matches 'pecan/…' paths.
    alias: {
      'pecan/testing': fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)),
      pecan: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/tests/**/*.test.ts'],
    // Those need RabbitMQ and PostgreSQL (`npm run test:services`) or a real OpenStack
    // (`npm run test:openstack`, run by deploy/openstack/test/run.sh).
    exclude: ['examples/tests/services/**', 'examples/tests/openstack/**', '**/node_modules/**'],
    testTimeout: 15_000,
    pool: 'forks',
  },
});

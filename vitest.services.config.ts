import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:services`: the suites that need real RabbitMQ and PostgreSQL servers (the
 * Debian packages). Each suite starts private instances of its own and stops them; `npm test`
 * leaves these out, so that it runs on a machine without the servers.
 */
export default defineConfig({
  resolve: {
    alias: {
      'pecan/testing': fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)),
      pecan: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['examples/tests/services/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Brokers and clusters are heavy for two cores: one suite at a time.
    fileParallelism: false,
  },
});

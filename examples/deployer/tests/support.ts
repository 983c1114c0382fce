/** A deployer on an in-memory database with an instant simulated cloud, and its app. */
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pecan';
import { buildApp } from '../app.js';
import { createDeployer, type Deployer } from '../deployer.js';
import type { DeployerSettings } from '../settings.js';

export const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };

const project = fileURLToPath(new URL('..', import.meta.url));

export function testSettings(overrides: Partial<DeployerSettings> = {}): DeployerSettings {
  return {
    database: { dialect: 'sqlite', filename: ':memory:' },
    // No delay: a lifecycle ends at the reconciler's first look at the stack.
    driver: { kind: 'simulated', delays: { base: 0, perInstance: 0, delete: 0 } },
    transport: { kind: 'http', url: 'http://127.0.0.1:9/v1/notifications' },
    publisherHost: 'test',
    regions: ['RegionOne', 'RegionTwo'],
    notifierUrl: 'http://127.0.0.1:8081/',
    reconciler: { checkMs: 0 },
    // A busy test machine lags: the suites that test admission control turn this on themselves.
    admission: { maxEventLoopDelayMs: 0 },
    ...overrides,
  };
}

/**
 * The workers are not started: a test runs `deployer.reconciler.runDue()` when it wants the
 * lifecycle to move, and reads the outbox rather than sending it.
 */
export async function startTestDeployer(overrides: Partial<DeployerSettings> = {}) {
  const deployer: Deployer = await createDeployer(testSettings(overrides), {
    start: false,
    logger: quiet,
  });
  const app = buildApp(
    deployer,
    {
      staticRoot: `${project}public`,
      templatePath: `${project}templates`,
      debug: true,
      errors: { 404: '/error/404' },
    },
    quiet,
  );
  return { deployer, app };
}

/** Runs the reconciler until no lifecycle is in progress (the instant cloud needs two passes). */
export async function settle(deployer: Deployer): Promise<void> {
  for (let pass = 0; pass < 10; pass++) {
    if ((await deployer.reconciler.runDue()) === 0) return;
  }
  throw new Error('lifecycles still in progress after 10 passes');
}

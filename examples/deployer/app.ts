/**
 * `setupApp(config)`: `pecan serve`, `pecan shell` and the tests build the deployer here —
 * the service from the `deployer` section of the config, then the app around it.
 */
import { Config, createLogger, makeApp, type PecanConf } from 'pecan';
import { transactionHook } from '../shared/transactions.js';
import { DeployerHook } from './controllers/context.js';
import { RootController } from './controllers/root.js';
import { createDeployer, type Deployer, type DeployerOptions } from './deployer.js';
import type { DeployerSettings } from './settings.js';

export async function setupApp(config: PecanConf) {
  const logger = createLogger(config.logging);
  const deployer = await createDeployer(settingsOf(config), { logger });
  // pecan serve drains the server on SIGTERM/SIGINT; the workers and event streams stop with it.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void deployer.stop());
  return buildApp(deployer, config, logger);
}

/** The app around a running deployer (tests build one directly, to stop it themselves). */
export function buildApp(
  deployer: Deployer,
  config: PecanConf,
  logger = createLogger(config.logging),
) {
  return makeApp(new RootController(), {
    hooks: [transactionHook(deployer.db), new DeployerHook(deployer)],
    staticRoot: config.app.staticRoot,
    templatePath: config.app.templatePath,
    debug: config.app.debug,
    errors: config.app.errors,
    logger,
  });
}

export function settingsOf(config: PecanConf): DeployerSettings {
  const section = config.deployer;
  if (!(section instanceof Config)) throw new Error('The config has no deployer section');
  return section.toDict() as unknown as DeployerSettings;
}

export type { Deployer, DeployerOptions };

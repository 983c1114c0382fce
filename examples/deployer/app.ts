/**
 * `setupApp(config)`: `pecan serve`, `pecan shell` and the tests build the deployer here —
 * the service from the `deployer` section of the config, then the app around it.
 */
import { Config, createLogger, makeApp, type Logger, type PecanApp, type PecanConf } from 'pecan';
import { serviceOpenApi } from '../shared/openapi.js';
import { transactionHook } from '../shared/transactions.js';
import { DatabaseUnavailableHook, isApiPath } from '../shared/unavailable.js';
import { DeployerHook } from './controllers/context.js';
import { RootController } from './controllers/root.js';
import { createDeployer, type Deployer, type DeployerOptions } from './deployer.js';
import type { DeployerSettings } from './settings.js';

export async function setupApp(config: PecanConf) {
  const logger = createLogger(config.logging);
  const deployer = await createDeployer(settingsOf(config), { logger });
  // `pecan serve` drains in-flight requests on SIGTERM/SIGINT, then exits. Event streams never
  // end by themselves: end them, and let the workers finish the work in hand. The database
  // stays open for the requests still draining (SQLite closes with the process).
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void deployer.quiesce());
  const app = buildApp(deployer, config.app as PageOptions, logger);
  services.set(app, deployer);
  return app;
}

const services = new WeakMap<PecanApp, Deployer>();

/** The service behind an app `setupApp` built (for `pecan shell` and tests). */
export function deployerOf(app: PecanApp): Deployer | undefined {
  return services.get(app);
}

/** The app options `buildApp` reads from the config's `app` section. */
export interface PageOptions {
  staticRoot?: string;
  templatePath?: string;
  debug?: boolean;
  errors?: Record<string | number, string>;
  trustProxy?: boolean | readonly string[];
}

/** The app around a running deployer (tests build one directly, to stop it themselves). */
export function buildApp(deployer: Deployer, options: PageOptions, logger: Logger) {
  return makeApp(new RootController(), {
    hooks: [
      transactionHook(deployer.db, { gate: deployer.gate }),
      new DeployerHook(deployer),
      new DatabaseUnavailableHook({ logger, isApi: isApiPath }),
    ],
    ...(options.staticRoot !== undefined && { staticRoot: options.staticRoot }),
    ...(options.templatePath !== undefined && { templatePath: options.templatePath }),
    ...(options.debug !== undefined && { debug: options.debug }),
    ...(options.errors !== undefined && { errors: options.errors }),
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
    openapi: serviceOpenApi(
      'Deployer API',
      'Deploys apps from the catalogue on the cloud, and notifies each step of their lifecycle.',
    ),
    logger,
  });
}

export function settingsOf(config: PecanConf): DeployerSettings {
  const section = config.deployer;
  if (!(section instanceof Config)) throw new Error('The config has no deployer section');
  return section.toDict() as unknown as DeployerSettings;
}

export type { Deployer, DeployerOptions };

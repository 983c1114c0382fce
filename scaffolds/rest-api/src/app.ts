import { createLogger, makeApp, type PecanConf } from 'pecan';
import { RootController } from './controllers/root.js';
import { JSONErrorHook } from './errors.js';
import { initModel } from './model/index.js';

/** Builds the app from the configuration: `pecan serve`, `pecan shell` and the tests call it. */
export function setupApp(config: PecanConf) {
  initModel();
  return makeApp(new RootController(), {
    debug: config.app.debug,
    hooks: [new JSONErrorHook()],
    logger: createLogger(config.logging),
  });
}

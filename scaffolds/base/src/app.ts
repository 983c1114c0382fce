import { createLogger, makeApp, type PecanConf } from 'pecan';
import { RootController } from './controllers/root.js';
import { initModel } from './model/index.js';

/** Builds the app from the configuration: `pecan serve`, `pecan shell` and the tests call it. */
export function setupApp(config: PecanConf) {
  initModel();
  return makeApp(new RootController(), {
    staticRoot: config.app.staticRoot,
    templatePath: config.app.templatePath,
    debug: config.app.debug,
    errors: config.app.errors,
    logger: createLogger(config.logging),
  });
}

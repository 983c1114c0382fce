import type { PecanConf } from 'pecan';
import { createNotifier } from './notifier.js';
import { readSettings } from './settings.js';

/** Builds the app from the configuration: `pecan serve`, `pecan shell` and the tests call it. */
export async function setupApp(config: PecanConf) {
  const settings = readSettings(config);
  settings.smtp.publicUrl ??= `http://${config.server.host}:${config.server.port}`;
  const notifier = await createNotifier(settings, {
    staticRoot: config.app.staticRoot,
    templatePath: config.app.templatePath,
    debug: config.app.debug,
    errors: config.app.errors,
    logging: config.logging,
  });
  return notifier.app;
}

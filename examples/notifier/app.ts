import type { PecanApp, PecanConf } from 'pecan';
import { createNotifier, type Notifier } from './notifier.js';
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
    trustProxy: config.app.trustProxy,
    logging: config.logging,
  });
  // `pecan serve` drains in-flight requests on SIGTERM/SIGINT. A live stream never finishes
  // by itself, so end them, and let the dispatcher finish the delivery in hand; an attempt
  // cut short is retried after a restart.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void notifier.stop());
  services.set(notifier.app, notifier);
  return notifier.app;
}

const services = new WeakMap<PecanApp, Notifier>();

/** The service behind an app `setupApp` built (for entry points that stop it themselves). */
export function notifierOf(app: PecanApp): Notifier | undefined {
  return services.get(app);
}

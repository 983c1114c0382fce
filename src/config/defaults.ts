/** §11.5: the configuration every app starts from. */
import { Config } from './config.js';

/** Pecan's `DEFAULT`, with the port a number (Pecan wrote the string '8080'). */
export function defaultSettings(): {
  server: Record<string, unknown>;
  app: Record<string, unknown>;
} {
  return {
    server: { port: 8080, host: '0.0.0.0' },
    app: { root: null, modules: [], staticRoot: 'public', templatePath: '', forceCanonical: true },
  };
}

/** A fresh Config holding the defaults (Pecan's `initconf()`). */
export function defaultConfig(): Config {
  return new Config(defaultSettings());
}

/**
 * The shape of a config file (§11, DESIGN §4): `server`, `app`, `logging` and any sections of
 * your own. Python-style snake_case keys (`static_root`) are accepted too (DESIGN §5.1).
 */
import type { AppOptions } from '../make-app.js';
import type { Logger } from '../core/logger.js';
import type { Config } from './config.js';
import type { LoggingSettings } from '../logging/logging-settings.js';

/** `server`: where `pecan serve` listens. */
export interface ServerSettings {
  host?: string;
  /** A number (Pecan wrote a string; both are accepted). */
  port?: number | string;
  [key: string]: unknown;
}

/**
 * `app`: what `loadApp` builds. Every `makeApp` option is accepted (§11.8); `root` and
 * `modules` are config-only, and the logger comes from the `logging` section.
 */
export interface AppSettings extends Omit<AppOptions, 'logger'> {
  /**
   * The root controller: a class (instantiated once), an instance, or a module specifier
   * `'./src/controllers/root.js#RootController'` resolved from the config file's folder
   * (without `#Name`, the module's default export).
   */
  root?: unknown;
  /** Modules searched, in order, for a `setupApp(config)` that builds the app (§12.5). */
  modules?: string[];
  [key: string]: unknown;
}

/** A config file's default export. */
export interface ConfigInput {
  server?: ServerSettings;
  app?: AppSettings;
  /** Logging levels and output (§12.6), or a ready logger such as a pino instance. */
  logging?: LoggingSettings | Logger;
  [section: string]: unknown;
}

/**
 * Types a config file's object: `export default defineConfig({ server: {...}, app: {...} })`.
 * It returns its argument unchanged.
 */
export function defineConfig<T extends ConfigInput>(config: T): T {
  return config;
}

/** The global `conf`: a Config whose well-known sections are typed. */
export interface PecanConf extends Config {
  server: Config & ServerSettings;
  app: Config & AppSettings;
  logging?: (Config & LoggingSettings) | Logger;
}

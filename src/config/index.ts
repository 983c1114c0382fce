/** Configuration (§11) and deployment entry points (§12.5): the edge that reads config files. */
export { Config, type ConfigOptions, type ConfigSource } from './config.js';
export { defaultConfig, defaultSettings } from './defaults.js';
export { conf, setConfig, resetConfig, type SetConfigOptions } from './global-config.js';
export { loadConfig, getConfPathFromEnv, configFromObject } from './load-config.js';
export { loadApp, deploy, type LoadedApp } from './load-app.js';
export { createServer, type ServerLimits } from './server-limits.js';
export { drainServer } from './drain-server.js';
export { createLogger, isLogger } from '../logging/create-logger.js';
export { createAccessLogger, ACCESS_LOGGER } from '../logging/access-logger.js';
export { ConfigError } from './config-error.js';
export {
  defineConfig,
  type ConfigInput,
  type ServerSettings,
  type AppSettings,
  type PecanConf,
} from './settings.js';
export type {
  LoggingSettings,
  LoggerSettings,
  LogLevel,
  LogRecord,
  LogStream,
} from '../logging/logging-settings.js';

import type { Logger } from '../core/logger.js';
import type { Config } from '../config/config.js';
import { createLogger, isLogger } from './create-logger.js';
import type { LoggingSettings } from './logging-settings.js';

/** The access log's logger name: `loggers: { 'pecan.access': 'silent' }` turns it off. */
export const ACCESS_LOGGER = 'pecan.access';

/**
 * The access log's logger from the config's `logging` section. It logs at `info` unless the
 * section names `pecan.access` (an access log that is on should show requests whatever the
 * section's default level), and as JSON lines — one object per request, its fields as keys —
 * unless the section picks a `format`. A logger you bring (pino) is used with the name bound.
 */
export function createAccessLogger(logging?: LoggingSettings | Logger | Config | null): Logger {
  if (isLogger(logging)) return createLogger(logging, ACCESS_LOGGER);
  const settings = (logging ?? {}) as LoggingSettings;
  if (settings.logger !== undefined && settings.logger !== null)
    return createLogger(settings.logger, ACCESS_LOGGER);
  return createLogger(
    {
      level: settings.level,
      loggers: { [ACCESS_LOGGER]: 'info', ...settings.loggers },
      format: settings.format ?? 'json',
      stream: settings.stream,
    },
    ACCESS_LOGGER,
  );
}

/**
 * §12.6: the `logging` section. Pecan handed it to Python's `dictConfig`; here it sets levels
 * per logger name and how the built-in console writer formats lines — or names a ready logger
 * (pino or anything with `error/warn/info/debug`).
 */
import type { Logger } from '../core/logger.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'silent';

/** One log call, as the console writer's `format` sees it. */
export interface LogRecord {
  level: Exclude<LogLevel, 'silent'>;
  /** The logger's name: `pecan`, or the name you gave `createLogger`. */
  name: string;
  message: string;
  details: unknown[];
  /** Structured fields: a plain object given as the call's last detail (see log-fields.ts). */
  fields: Record<string, unknown> | undefined;
  time: Date;
}

/** Anything lines can be written to: `process.stdout`, a file stream, a test buffer. */
export interface LogStream {
  write(line: string): unknown;
}

export interface LoggerSettings {
  level?: LogLevel | Uppercase<LogLevel> | 'WARNING' | 'CRITICAL';
}

export interface LoggingSettings {
  /** The level of loggers not listed in `loggers` (default `warn`, Python's root level). */
  level?: LoggerSettings['level'];
  /**
   * Levels by logger name; a dotted name inherits from its parent (`myapp.db` from `myapp`).
   * Keys may be any string (no `__force_dict__` needed).
   */
  loggers?: Record<string, LoggerSettings | LoggerSettings['level']>;
  /** `'text'` (default): `time LEVEL [name] message`; `'json'`: one object per line; or your own. */
  format?: 'text' | 'json' | ((record: LogRecord) => string);
  /** Where lines go (default: errors and warnings to stderr, the rest to stdout). */
  stream?: LogStream;
  /** Log through this logger (e.g. a pino instance) instead of the console writer. */
  logger?: Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Python's level names are accepted in any case (`INFO`, `WARNING`, `CRITICAL`). */
export function normaliseLevel(level: unknown, where: string): LogLevel {
  const name = String(level).toLowerCase();
  if (name === 'warning') return 'warn';
  if (name === 'critical' || name === 'fatal') return 'error';
  if (name in RANK) return name as LogLevel;
  throw new Error(
    `logging: ${where} has the unknown level '${String(level)}' (use error, warn, info, debug or silent)`,
  );
}

export function levelRank(level: LogLevel): number {
  return RANK[level];
}

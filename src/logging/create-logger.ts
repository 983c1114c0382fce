/**
 * §12.6: a logger from the config's `logging` section — the built-in console writer with
 * per-name levels, or a logger you bring (pino, console, anything with the four methods).
 */
import { inspect } from 'node:util';
import type { Logger } from '../core/logger.js';
import type { Config } from '../config/config.js';
import { SHOWN_IN_MESSAGE, splitFields, type LogFields } from './log-fields.js';
import {
  levelRank,
  normaliseLevel,
  type LogLevel,
  type LogRecord,
  type LoggingSettings,
  type LogStream,
} from './logging-settings.js';

const METHODS = ['error', 'warn', 'info', 'debug'] as const;
type Method = (typeof METHODS)[number];

/** Whether `value` can be used as a logger as it is. */
export function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return METHODS.every((method) => typeof candidate[method] === 'function');
}

/**
 * The logger called `name` as the `logging` section configures it: pass `conf.logging` (a
 * section, plain settings, or a ready logger). Without settings, errors and warnings go to stderr.
 */
export function createLogger(
  logging?: LoggingSettings | Logger | Config | null,
  name = 'pecan',
): Logger {
  if (isLogger(logging)) return adaptLogger(logging, name);
  // A Config section reads like the plain settings (attribute access).
  const settings = (logging ?? {}) as LoggingSettings;
  if (settings.logger !== undefined && settings.logger !== null)
    return adaptLogger(settings.logger, name);
  const level = levelFor(settings, name);
  const format = pickFormat(settings.format);
  const logger = {} as Logger;
  for (const method of METHODS) {
    logger[method] =
      levelRank(method) < levelRank(level)
        ? () => {}
        : (message, ...given) => {
            const { fields, rest: details } = splitFields(given);
            const line = format({
              level: method,
              name,
              message,
              details,
              fields,
              time: new Date(),
            });
            streamFor(settings.stream, method).write(`${line}\n`);
          };
  }
  return logger;
}

/** The level of the nearest configured ancestor (`a.b.c` → `a.b` → `a`), else the section's. */
function levelFor(settings: LoggingSettings, name: string): LogLevel {
  const loggers = settings.loggers;
  for (let current = name; loggers && current !== ''; current = parentName(current)) {
    if (!Object.hasOwn(loggers, current)) continue;
    const entry = loggers[current];
    const level = typeof entry === 'object' && entry !== null ? entry.level : entry;
    if (level !== undefined) return normaliseLevel(level, `the logger '${current}'`);
  }
  return settings.level === undefined ? 'warn' : normaliseLevel(settings.level, 'logging.level');
}

function parentName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(0, dot);
}

function streamFor(stream: LogStream | undefined, method: Method): LogStream {
  if (stream !== undefined) return stream;
  return method === 'error' || method === 'warn' ? process.stderr : process.stdout;
}

function pickFormat(format: LoggingSettings['format']): (record: LogRecord) => string {
  if (typeof format === 'function') return format;
  if (format === undefined || format === 'text') return formatText;
  if (format === 'json') return formatJson;
  throw new Error(`logging.format must be 'text', 'json' or a function, not '${String(format)}'`);
}

/** Like the scaffold's "simple" formatter: `time LEVEL [name] message`. */
function formatText(record: LogRecord): string {
  const fields = record.fields as LogFields | undefined;
  const shown = fields === undefined || fields[SHOWN_IN_MESSAGE] === true ? [] : [fields];
  const details = [...record.details, ...shown]
    .map((detail) => ` ${typeof detail === 'string' ? detail : inspect(detail)}`)
    .join('');
  const level = record.level.toUpperCase().padEnd(5);
  return `${record.time.toISOString()} ${level} [${record.name}] ${record.message}${details}`;
}

/** One object per line; the fields are top-level keys, as in pino's output. */
function formatJson(record: LogRecord): string {
  const line: Record<string, unknown> = {
    time: record.time.toISOString(),
    level: record.level,
    name: record.name,
    msg: record.message,
  };
  // The record's own keys come first and are never replaced by a field of the same name.
  for (const [key, value] of Object.entries(record.fields ?? {}))
    if (!(key in line)) line[key] = value;
  if (record.details.length > 0) line.details = record.details.map(plainDetail);
  return JSON.stringify(line);
}

function plainDetail(detail: unknown): unknown {
  return detail instanceof Error
    ? { type: detail.name, message: detail.message, stack: detail.stack }
    : detail;
}

interface PinoLike {
  child(bindings: Record<string, unknown>): PinoLike;
  levels: object;
  error(object: unknown, message?: string): void;
  warn(object: unknown, message?: string): void;
  info(object: unknown, message?: string): void;
  debug(object: unknown, message?: string): void;
}

function isPino(logger: Logger): logger is Logger & PinoLike {
  const candidate = logger as Partial<PinoLike>;
  return typeof candidate.child === 'function' && typeof candidate.levels === 'object';
}

/**
 * pino takes the details first (`logger.error({ err }, 'message')`); pecan calls
 * `logger.error(message, error)`. A pino logger is given the name as a child binding.
 */
function adaptLogger(logger: Logger, name: string): Logger {
  if (!isPino(logger)) return logger;
  const child = logger.child({ name });
  const call =
    (method: Method) =>
    (message: string, ...details: unknown[]) => {
      const { fields, rest } = splitFields(details);
      if (rest.length === 0) {
        if (fields === undefined) child[method](message);
        else child[method](fields, message);
      } else if (rest.length === 1 && rest[0] instanceof Error)
        child[method]({ ...fields, err: rest[0] }, message);
      else child[method]({ ...fields, details: rest }, message);
    };
  return { error: call('error'), warn: call('warn'), info: call('info'), debug: call('debug') };
}

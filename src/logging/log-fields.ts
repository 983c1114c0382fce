/**
 * Structured fields in a log call. Like pino's merge object, a plain object passed as the last
 * detail (`logger.info('user created', { userId })`) is the record's fields: top-level keys of
 * a JSON line, pino's first argument. The access log's fields repeat what its message says, so
 * it marks them and the text format prints the message alone.
 */
import { isPlainObject } from '../core/is-plain-object.js';

/** Marks fields the message already shows (the text format leaves them out). */
export const SHOWN_IN_MESSAGE: unique symbol = Symbol('pecan.log.shownInMessage');

export type LogFields = Record<string, unknown> & { [SHOWN_IN_MESSAGE]?: true };

/** Splits a call's details into the fields (a last plain object) and the rest. */
export function splitFields(details: unknown[]): {
  fields: LogFields | undefined;
  rest: unknown[];
} {
  const last = details[details.length - 1];
  return isPlainObject(last)
    ? { fields: last, rest: details.slice(0, -1) }
    : { fields: undefined, rest: details };
}

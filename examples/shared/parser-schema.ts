/**
 * A domain parser as a Standard Schema, so pecan validates a request with the very rules (and
 * messages) the domain already has, before the controller runs, and the OpenAPI document shows
 * the zod `contract` that describes them (through Standard JSON Schema, `~standard.jsonSchema`).
 * The notifier's parsers are pure functions of the input, shared with its other transports: they
 * stay the one place the rules live, and tests check that the contract agrees with them.
 */
import { z } from 'zod';
import type { StandardSchemaV1 } from 'pecan';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** The field a parser names `body` is the input as a whole. */
const WHOLE = 'body';

export interface ParserSchema<T> extends StandardSchemaV1<unknown, T> {
  readonly '~standard': StandardSchemaV1.Props<unknown, T> & {
    readonly jsonSchema: {
      input(options?: { target?: string }): Record<string, unknown>;
      output(options?: { target?: string }): Record<string, unknown>;
    };
  };
}

export function parserSchema<T>(
  parse: (input: unknown) => Parsed<T>,
  contract: z.ZodType,
): ParserSchema<T> {
  const exported = (io: 'input' | 'output') => () =>
    z.toJSONSchema(contract, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    '~standard': {
      version: 1,
      vendor: 'notifier',
      validate(input) {
        const parsed = parse(input);
        if (parsed.ok) return { value: parsed.value };
        return {
          issues: Object.entries(parsed.errors).map(([field, message]) => ({
            message,
            path: field === WHOLE ? [] : [field],
          })),
        };
      },
      jsonSchema: { input: exported('input'), output: exported('output') },
    },
  };
}

/**
 * Pecan's failing fields as a parser's `{ field: message }`, in the parser's order (the whole
 * input is `body`).
 */
export function fieldErrors(
  errors: readonly { path: readonly (string | number)[]; message: string }[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { path, message } of errors)
    fields[path.length === 0 ? WHOLE : path.join('.')] ??= message;
  return fields;
}

/**
 * The same schemas written with two Standard Schema validators (zod 4 and valibot 1), so every
 * validation test runs against both: pecan must depend on neither.
 */
import { z } from 'zod';
import * as v from 'valibot';
import type { StandardSchemaV1 } from '../../../src/index.js';

export interface Schemas {
  /** `{ page: number = 1, tag?: string[] }` from the query (a single tag or a repeated key). */
  listQuery: StandardSchemaV1;
  /** `{ id: integer }` from a path segment. */
  idPath: StandardSchemaV1;
  /** `{ parent: integer, id: integer }`: a nested resource's ids. */
  nestedPath: StandardSchemaV1;
  /** `{ name: string (non-empty), count: integer ≥ 0, draft: boolean = false }` */
  bookBody: StandardSchemaV1;
  /** `{ id: number, name: string }` */
  bookResponse: StandardSchemaV1;
  /** `{ q: string }` */
  searchQuery: StandardSchemaV1;
  /** `{ flag: boolean }` from `'true'`/`'false'` strings (a form field). */
  flagBody: StandardSchemaV1;
}

const zList = (value: unknown) => (value === undefined ? undefined : [value].flat());

export const zodSchemas: Schemas = {
  listQuery: z.object({
    page: z.coerce.number().int().min(1).default(1),
    tag: z.preprocess(zList, z.array(z.string()).optional()),
  }),
  idPath: z.object({ id: z.coerce.number().int() }),
  nestedPath: z.object({ parent: z.coerce.number().int(), id: z.coerce.number().int() }),
  bookBody: z.object({
    name: z.string().min(1),
    count: z.number().int().min(0),
    draft: z.boolean().default(false),
  }),
  bookResponse: z.object({ id: z.number(), name: z.string() }),
  searchQuery: z.object({ q: z.string() }),
  flagBody: z.object({ flag: z.enum(['true', 'false']).transform((s) => s === 'true') }),
};

const vInt = v.pipe(v.string(), v.transform(Number), v.number(), v.integer());
const vList = v.pipe(
  v.union([v.string(), v.array(v.string())]),
  v.transform((value) => [value].flat()),
);

export const valibotSchemas: Schemas = {
  listQuery: v.object({
    page: v.optional(v.pipe(vInt, v.minValue(1)), '1'),
    tag: v.optional(vList),
  }),
  idPath: v.object({ id: vInt }),
  nestedPath: v.object({ parent: vInt, id: vInt }),
  bookBody: v.object({
    name: v.pipe(v.string(), v.minLength(1)),
    count: v.pipe(v.number(), v.integer(), v.minValue(0)),
    draft: v.optional(v.boolean(), false),
  }),
  bookResponse: v.object({ id: v.number(), name: v.string() }),
  searchQuery: v.object({ q: v.string() }),
  flagBody: v.object({
    flag: v.pipe(
      v.picklist(['true', 'false']),
      v.transform((s) => s === 'true'),
    ),
  }),
};

export const validators: [string, Schemas][] = [
  ['zod', zodSchemas],
  ['valibot', valibotSchemas],
];

/** A hand-written asynchronous Standard Schema: `{ name }` must not be taken (checked "remotely"). */
export function asyncUniqueName(taken: string): StandardSchemaV1 {
  return {
    '~standard': {
      version: 1,
      vendor: 'test',
      validate: async (value) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const name = (value as { name?: unknown } | undefined)?.name;
        if (typeof name !== 'string') return { issues: [{ message: 'Required', path: ['name'] }] };
        if (name === taken) return { issues: [{ message: 'Taken', path: [{ key: 'name' }] }] };
        return { value: { name: name.toUpperCase() } };
      },
    },
  };
}

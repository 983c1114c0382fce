/**
 * Public API type test for schemas (docs/typed-apis.md): the types flow from the schema to the
 * controller without being written twice. tsc runs over test/, so the `@ts-expect-error` lines
 * must be errors; the runtime assertions keep the file honest.
 */
import { expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as v from 'valibot';
import {
  expose,
  makeApp,
  when,
  type EndpointSchema,
  type FieldError,
  type InferInput,
  type InferOutput,
  type Inputs,
  type StandardSchemaV1,
  type Valid,
} from '../../src/index.js';

const listBooks = {
  query: z.object({
    page: z.coerce.number().default(1),
    tag: z.array(z.string()).optional(),
  }),
  response: z.object({ books: z.array(z.object({ id: z.number(), title: z.string() })) }),
} satisfies EndpointSchema;

const createBook = {
  path: v.object({ shelf: v.string() }),
  body: v.object({ title: v.string(), pages: v.optional(v.number(), 100) }),
} satisfies EndpointSchema;

it('infers input and output types from any Standard Schema', () => {
  expectTypeOf<InferOutput<typeof listBooks.query>>().toEqualTypeOf<{
    page: number;
    tag?: string[] | undefined;
  }>();
  expectTypeOf<InferInput<typeof createBook.body>>().toEqualTypeOf<{
    title: string;
    pages?: number | undefined;
  }>();
  expectTypeOf<InferOutput<typeof createBook.body>>().toEqualTypeOf<{
    title: string;
    pages: number;
  }>();
  expectTypeOf(listBooks.query).toExtend<StandardSchemaV1>();
  expectTypeOf(createBook.body).toExtend<StandardSchemaV1>();
});

it('types the controller arguments from the schema', () => {
  expectTypeOf<Valid<typeof createBook>['path']>().toEqualTypeOf<{ shelf: string }>();
  expectTypeOf<Valid<typeof listBooks>['body']>().toBeUnknown();
  expectTypeOf<Inputs<typeof createBook>>().toEqualTypeOf<{ title: string; pages: number }>();
  expectTypeOf<Inputs<typeof listBooks>['page']>().toEqualTypeOf<number>();
  expectTypeOf<FieldError['location']>().toEqualTypeOf<'path' | 'query' | 'body'>();
});

class Books {
  @expose({ template: 'json', schema: listBooks })
  list({ page, tag }: Inputs<typeof listBooks>) {
    expectTypeOf(page).toEqualTypeOf<number>();
    expectTypeOf(tag).toEqualTypeOf<string[] | undefined>();
    return { books: [{ id: page, title: tag?.join() ?? '' }] };
  }

  @expose({ template: 'json', schema: listBooks })
  async later() {
    await Promise.resolve();
    return { books: [] };
  }

  // @ts-expect-error the return value does not match the response schema (title is missing)
  @expose({ template: 'json', schema: listBooks })
  wrong() {
    return { books: [{ id: 1 }] };
  }

  @expose({ generic: true, template: 'json' }) shelf() {
    return {};
  }

  @when('shelf', { method: 'POST', template: 'json', schema: createBook })
  add(
    shelf: Valid<typeof createBook>['path']['shelf'],
    { title, pages }: Inputs<typeof createBook>,
  ) {
    expectTypeOf(pages).toEqualTypeOf<number>();
    return { shelf, title, pages };
  }
}

it('the typed decorators are the same runtime decorators', async () => {
  const app = makeApp(new Books());
  const res = await app.fetch(new Request('http://x/list?page=2&tag=a&tag=b'));
  expect(await res.json()).toEqual({ books: [{ id: 2, title: 'a,b' }] });
});

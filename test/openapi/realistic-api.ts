/**
 * A realistic API for the OpenAPI tests, written once per validator: a library service with
 * plain methods, a RestController with nested resources and custom actions, a generic
 * controller, secured controllers, `_lookup`/`_default`, and schemas everywhere.
 */
import { z } from 'zod';
import * as v from 'valibot';
import { toJsonSchema as valibotToJsonSchema } from '@valibot/to-json-schema';
import {
  RestController,
  SecureController,
  abort,
  expose,
  request,
  response,
  secure,
  unlocked,
  when,
  type JsonSchemaConverter,
} from '../../src/index.js';
import { valibotSchemas, zodSchemas, type Schemas } from '../binding/validation/schemas.js';

export const zodConverter: JsonSchemaConverter = (schema, io) =>
  schema['~standard'].vendor === 'zod'
    ? (z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: 'any' }) as Record<
        string,
        unknown
      >)
    : undefined;

export const valibotConverter: JsonSchemaConverter = (schema, io) =>
  schema['~standard'].vendor === 'valibot'
    ? (valibotToJsonSchema(schema as v.GenericSchema, {
        errorMode: 'ignore',
        typeMode: io,
      }) as Record<string, unknown>)
    : undefined;

export const validatorCases: [string, Schemas, JsonSchemaConverter][] = [
  ['zod', zodSchemas, zodConverter],
  ['valibot', valibotSchemas, valibotConverter],
];

/** The root controller of the library API, built on one validator's schemas. */
export function libraryApi(s: Schemas) {
  class ChaptersController extends RestController {
    @expose({ template: 'json', schema: { query: s.listQuery } })
    getAll(bookId: string) {
      return { bookId, chapters: [] };
    }

    @expose({ template: 'json', schema: { path: s.nestedPath } })
    getOne(parent: number, id: number) {
      return { parent, id };
    }
  }

  class BooksController extends RestController {
    customActions = { count: ['GET'], publish: ['POST'] };
    chapters = new ChaptersController();

    @expose({
      template: 'json',
      schema: { query: s.listQuery },
      openapi: { summary: 'List books' },
    })
    getAll(page: number) {
      return { page, books: [] };
    }

    @expose({
      template: 'json',
      schema: { path: s.idPath, response: s.bookResponse },
      openapi: { summary: 'One book' },
    })
    getOne(id: number) {
      return { id, name: 'Dune' };
    }

    @expose({ template: 'json', schema: { body: s.bookBody }, openapi: { status: 201 } })
    post({ ...fields }: Record<string, unknown>) {
      response.status = 201;
      return fields;
    }

    @expose({ template: 'json', schema: { path: s.idPath, body: s.bookBody } })
    put(id: number) {
      return { id, ...(request.valid!.body as object) };
    }

    @expose({ template: 'json', schema: { path: s.idPath }, openapi: { status: 204 } })
    delete(id: number) {
      void id;
    }

    @expose('json')
    getCount() {
      return 0;
    }

    @expose({ template: 'json', schema: { path: s.idPath } })
    postPublish(id: number) {
      return { id, published: true };
    }
  }

  class AdminController {
    @expose('json')
    stats() {
      return { users: 1 };
    }
  }

  class VaultController extends SecureController {
    static override checkPermissions() {
      return request.headers.get('x-key') === 'open';
    }

    @expose('json')
    secrets() {
      return ['s'];
    }

    @unlocked
    @expose('json')
    hint() {
      return 'ask';
    }
  }

  class ItemController {
    constructor(readonly id: string) {}
    @expose('json')
    index() {
      return { id: this.id };
    }
  }

  class RootController {
    books = new BooksController();
    admin = secure(new AdminController(), () => request.headers.get('x-role') === 'admin');
    vault = new VaultController();

    @expose()
    index() {
      return '<h1>Library</h1>';
    }

    @expose()
    hello(name = 'world') {
      return `Hello ${name}`;
    }

    @expose({ template: 'json', route: 'health-check' })
    health() {
      return { ok: true };
    }

    @expose({ template: 'json', generic: true })
    items() {
      return { method: 'GET' };
    }

    @when('items', { method: 'POST', template: 'json', schema: { body: s.bookBody } })
    createItem() {
      return request.valid!.body;
    }

    @when('items', { method: 'DELETE', template: 'json' })
    clearItems() {
      return { cleared: true };
    }

    @expose({ template: 'json', schema: { query: s.searchQuery } })
    search(q: string) {
      return { q };
    }

    @expose()
    _lookup(id: string, ...rest: string[]) {
      if (id.startsWith('item-')) return [new ItemController(id), rest];
    }

    @expose()
    _default() {
      abort(404);
    }
  }
  return new RootController();
}

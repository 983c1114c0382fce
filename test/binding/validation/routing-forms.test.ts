/**
 * Schemas work with every routing form (issue 15): plain methods (inputs.test.ts), `_lookup`,
 * `_default`, RestController's verbs and custom actions, nested resources, `@when` handlers.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { quiet } from '../../support/logger.js';
import {
  RestController,
  expose,
  makeApp,
  request,
  response,
  when,
  type FieldError,
  type PecanRequest,
} from '../../../src/index.js';
import { validators } from './schemas.js';

const JSON_ACCEPT = { accept: 'application/json' };
const located = (body: unknown) =>
  (body as { errors: FieldError[] }).errors.map((e) => `${e.location}:${e.path.join('.')}`);

// (`vendor`, not `name`: esbuild would rename a `name` parameter that shadows it, and pecan
// reads parameter names from the compiled source.)
for (const [vendor, s] of validators) {
  class Chapters extends RestController {
    @expose({ template: 'json', schema: { path: s.nestedPath } })
    getOne(parent: number, id: number) {
      return { parent, id };
    }
  }

  class Books extends RestController {
    customActions = { count: ['GET'] };
    chapters = new Chapters();

    // §4.4: a RestController's positional parameters are ids from the path; query values come
    // through a final object parameter (or parameters with defaults).
    @expose({ template: 'json', schema: { query: s.listQuery } })
    getAll({ page }: { page: number }) {
      return { page };
    }

    @expose({ template: 'json', schema: { path: s.idPath, response: s.bookResponse } })
    getOne(id: number) {
      return id === 0 ? { id: 'zero' } : { id, name: `book ${id}` };
    }

    @expose({ template: 'json', schema: { body: s.bookBody } })
    post({ ...book }: Record<string, unknown>) {
      response.status = 201;
      return book;
    }

    @expose({ template: 'json', schema: { path: s.idPath, body: s.bookBody } })
    put(id: number, { ...book }: Record<string, unknown>) {
      return { id, ...book };
    }

    @expose({ template: 'json', schema: { path: s.idPath } })
    delete(id: number) {
      return { deleted: id };
    }

    @expose({ template: 'json', schema: { query: s.searchQuery } })
    getCount(q: string) {
      return { q, count: q.length };
    }
  }

  class Item {
    constructor(readonly key: string) {}

    @expose({ template: 'json', schema: { query: s.listQuery } })
    index(page: number) {
      return { key: this.key, page };
    }
  }

  class Root {
    books = new Books();

    @expose() _lookup(key: string, ...rest: string[]) {
      if (key.startsWith('item-')) return [new Item(key), rest];
    }

    @expose({ template: 'json', schema: { query: s.listQuery } })
    _default(...segments: string[]) {
      return { segments, page: (request.valid!.query as { page: number }).page };
    }

    @expose({ generic: true, template: 'json', schema: { query: s.searchQuery } })
    things(q: string) {
      return { method: 'GET', q };
    }

    @when('things', { method: 'POST', template: 'json', schema: { body: s.bookBody } })
    createThing(name: string, count: number) {
      return { method: 'POST', name, count };
    }
  }

  describeAdapters(`schemas across routing forms (${vendor})`, ({ client }) => {
    const app = () => client(makeApp(new Root(), { logger: quiet }));

    it('RestController getAll and getOne: query and path coerced, response checked', async () => {
      const c = await app();
      expect((await c.get('/books?page=3')).json).toEqual({ page: 3 });
      expect((await c.get('/books')).json).toEqual({ page: 1 });
      expect((await c.get('/books/7')).json).toEqual({ id: 7, name: 'book 7' });
      const bad = await c.get('/books/seven', { headers: JSON_ACCEPT });
      expect(bad.status).toBe(400);
      expect(located(bad.json)).toEqual(['path:id']);
      expect((await c.get('/books/0')).status).toBe(500); // response schema mismatch
    });

    it('RestController post, put and delete', async () => {
      const c = await app();
      const created = await c.post('/books', { json: { name: 'Dune', count: 2 } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({ name: 'Dune', count: 2, draft: false });
      const badPost = await c.post('/books', { json: { count: -1 }, headers: JSON_ACCEPT });
      expect(located(badPost.json).sort()).toEqual(['body:count', 'body:name']);
      const put = await c.put('/books/5', { json: { name: 'Emma', count: 1, draft: true } });
      expect(put.json).toEqual({ id: 5, name: 'Emma', count: 1, draft: true });
      const badPut = await c.put('/books/x', { json: { name: 'Emma' }, headers: JSON_ACCEPT });
      expect(located(badPut.json)).toEqual(['path:id', 'body:count']);
      expect((await c.delete('/books/9')).json).toEqual({ deleted: 9 });
      expect((await c.delete('/books/nine')).status).toBe(400);
    });

    it('RestController custom actions', async () => {
      const c = await app();
      expect((await c.get('/books/count?q=abc')).json).toEqual({ q: 'abc', count: 3 });
      const bad = await c.get('/books/count', { headers: JSON_ACCEPT });
      expect(bad.status).toBe(400);
      expect(located(bad.json)).toEqual(['query:q']);
    });

    it('nested resources: the parent id reaches the path schema', async () => {
      const c = await app();
      expect((await c.get('/books/4/chapters/2')).json).toEqual({ parent: 4, id: 2 });
      const bad = await c.get('/books/4/chapters/two', { headers: JSON_ACCEPT });
      expect(located(bad.json)).toEqual(['path:id']);
      const badParent = await c.get('/books/four/chapters/2', { headers: JSON_ACCEPT });
      expect(located(badParent.json)).toEqual(['path:parent']);
    });

    it('an endpoint reached through _lookup', async () => {
      const c = await app();
      expect((await c.get('/item-1/?page=2')).json).toEqual({ key: 'item-1', page: 2 });
      expect((await c.get('/item-1/?page=no')).status).toBe(400);
    });

    it('_default', async () => {
      const c = await app();
      expect((await c.get('/nowhere/else?page=4')).json).toEqual({
        segments: ['nowhere', 'else'],
        page: 4,
      });
      expect((await c.get('/nowhere?page=-1')).status).toBe(400);
    });

    it('generic handlers: each method its own schema', async () => {
      const c = await app();
      expect((await c.get('/things?q=x')).json).toEqual({ method: 'GET', q: 'x' });
      expect((await c.get('/things')).status).toBe(400);
      const posted = await c.post('/things', { json: { name: 'n', count: 1 } });
      expect(posted.json).toEqual({ method: 'POST', name: 'n', count: 1 });
      const bad = await c.post('/things', { json: { name: 'n' }, headers: JSON_ACCEPT });
      expect(located(bad.json)).toEqual(['body:count']);
    });
  });
}

describeAdapters('schemas in explicit mode (contextLocals: false)', ({ client }) => {
  const [, s] = validators[0]!;
  class Root {
    @expose({ template: 'json', schema: { path: s.idPath, query: s.searchQuery } })
    item(req: PecanRequest, _res: unknown, id: number, q: string) {
      return { id, q, valid: req.valid };
    }
  }

  it('validates the arguments after (req, res)', async () => {
    const c = await client(makeApp(new Root(), { contextLocals: false }));
    expect((await c.get('/item/3?q=a')).json).toEqual({
      id: 3,
      q: 'a',
      valid: { path: { id: 3 }, query: { q: 'a' } },
    });
    expect((await c.get('/item/x?q=a')).status).toBe(400);
  });
});

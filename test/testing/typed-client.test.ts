import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as v from 'valibot';
import {
  RestController,
  expose,
  makeApp,
  request,
  response,
  when,
  type Inputs,
  type Valid,
} from '../../src/index.js';
import { TestApp, TestAppError, type TypedResponse } from '../../src/testing/index.js';

const zodBook = {
  path: z.object({ id: z.coerce.number().int() }),
  response: z.object({ id: z.number(), title: z.string() }),
};
const valibotAdd = {
  body: v.object({ title: v.pipe(v.string(), v.minLength(1)), pages: v.optional(v.number(), 100) }),
};
const zodSearch = { query: z.object({ q: z.string(), limit: z.coerce.number().default(10) }) };

class ChaptersController extends RestController {
  @expose('json')
  getOne(bookId: string, id: string) {
    return { bookId, id };
  }
}

class BooksController extends RestController {
  customActions = { count: ['GET'], publish: ['POST'] };
  chapters = new ChaptersController();

  @expose('json')
  getAll() {
    return [{ id: 1, title: 'Dune' }];
  }

  @expose({ template: 'json', schema: zodBook })
  getOne(id: Valid<typeof zodBook>['path']['id']) {
    return { id, title: `book ${id}` };
  }

  @expose({ template: 'json', schema: valibotAdd })
  post({ title, pages }: Inputs<typeof valibotAdd>) {
    response.status = 201;
    return { id: 7, title, pages };
  }

  @expose('json')
  delete(id: string) {
    void id;
  }

  @expose('json')
  getCount() {
    return 3;
  }

  @expose('json')
  postPublish(id: string) {
    return { id, published: true as const };
  }
}

class RootController {
  books = new BooksController();
  version = '1.0';

  @expose()
  hello(name = 'world') {
    return `Hello ${name}`;
  }

  @expose({ template: 'json', schema: zodSearch })
  search({ q, limit }: Inputs<typeof zodSearch>) {
    return { q, limit };
  }

  @expose({ template: 'json', generic: true })
  items() {
    return { method: 'GET' };
  }

  @when('items', { method: 'POST', template: 'json' })
  createItem() {
    return { method: 'POST', body: request.json as unknown };
  }

  @expose('json')
  whoami() {
    return { user: request.headers.get('x-user') };
  }

  helper() {
    return 'not exposed';
  }
}

const testApp = () => new TestApp(makeApp(new RootController()));

describe('the typed TestApp client', () => {
  it('calls a RestController by its conventions, typed by the methods', async () => {
    const api = testApp().client<RootController>();
    const one = await api.books.getOne(3);
    expect(one.request).toBe('GET /books/3');
    expect(one.json).toEqual({ id: 3, title: 'book 3' });
    expectTypeOf(one.json).toEqualTypeOf<{ id: number; title: string }>();

    const all = await api.books.getAll();
    expect(all.request).toBe('GET /books');
    expectTypeOf(all.json).toEqualTypeOf<{ id: number; title: string }[]>();

    const created = await api.books.post({ title: 'Emma', pages: 5 });
    expect([created.request, created.status]).toEqual(['POST /books', 201]);
    expect(created.json).toEqual({ id: 7, title: 'Emma', pages: 5 });

    const removed = await api.books.delete('3');
    expect([removed.request, removed.status]).toEqual(['DELETE /books/3', 204]);
    expectTypeOf<(typeof removed)['json']>().toBeVoid();
  });

  it('reaches custom actions and nested resources', async () => {
    const api = testApp().client<RootController>();
    const count = await api.books.getCount();
    expect([count.request, count.json]).toEqual(['GET /books/count', 3]);
    const published = await api.books.postPublish('9');
    expect(published.request).toBe('POST /books/9/publish');
    expectTypeOf(published.json).toEqualTypeOf<{ id: string; published: true }>();
    const chapter = await api.books.chapters.getOne('1', '2');
    expect([chapter.request, chapter.json]).toEqual([
      'GET /books/1/chapters/2',
      { bookId: '1', id: '2' },
    ]);
  });

  it('sends plain methods as GET with path arguments, and a final object as the query', async () => {
    const api = testApp().client<RootController>();
    expect((await api.hello()).text).toBe('Hello world');
    const ann = await api.hello('ann');
    expect([ann.request, ann.text]).toEqual(['GET /hello/ann', 'Hello ann']);
    const found = await api.search({ q: 'dune', limit: 2 });
    expect([found.request, found.json]).toEqual([
      'GET /search?q=dune&limit=2',
      { q: 'dune', limit: 2 },
    ]);
  });

  it('calls generic controllers by their handlers', async () => {
    const api = testApp().client<RootController>();
    expect((await api.items()).json).toEqual({ method: 'GET' });
    const posted = await api.$with({ json: { a: 1 } }).createItem();
    expect([posted.request, posted.json]).toEqual([
      'POST /items',
      { method: 'POST', body: { a: 1 } },
    ]);
  });

  it('passes request options through $with, and keeps the status rules of TestApp', async () => {
    const api = testApp().client<RootController>();
    expect((await api.$with({ headers: { 'x-user': 'ann' } }).whoami()).json).toEqual({
      user: 'ann',
    });
    await expect(api.books.getOne(Number.NaN)).rejects.toThrow(TestAppError);
    const bad = await api.$with({ status: 400 }).books.post({ title: '', pages: 1 });
    expect(bad.status).toBe(400);
  });

  it('refuses what is not an endpoint', () => {
    const api = testApp().client<RootController>();
    expect(() => api.helper()).toThrow('client.helper is not an exposed method');
    // @ts-expect-error: a data member is not part of the client
    expect(() => api.version()).toThrow(TypeError);
  });

  it('types arguments and results from the controller tree', () => {
    const api = testApp().client<RootController>();
    expectTypeOf(api.books.getOne).parameters.toEqualTypeOf<[id: number]>();
    expectTypeOf(api.hello).returns.resolves.toEqualTypeOf<TypedResponse<string>>();
    expectTypeOf(api.search).parameters.toEqualTypeOf<[{ q: string; limit: number }]>();
    // @ts-expect-error: getOne takes a number (its path schema's output)
    void (() => api.books.getOne('3'));
    // @ts-expect-error: post's body needs a title
    void (() => api.books.post({ pages: 1 }));
    // @ts-expect-error: there is no such controller
    void (() => api.authors.getAll());
    // @ts-expect-error: _lookup and friends are not calls
    void (() => api._lookup);
  });
});

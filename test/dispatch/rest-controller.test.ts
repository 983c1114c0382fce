/**
 * RestController behaviour beyond the ports of Pecan's tests (test/parity/test-rest-*.test.ts):
 * the deliberate deviations (DESIGN §5.3, §5.6, §5.13), where `_method` may come from, custom
 * action naming, parent ids, and RestControllers together with hooks, security and async code.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import {
  expose,
  makeApp,
  PecanHook,
  RestController,
  secure,
  type PecanRequest,
} from '../../src/index.js';
import { State } from '../../src/app/state.js';

class Books extends RestController {
  @expose() getAll() {
    return 'all';
  }

  @expose() getOne(id: string) {
    return `one ${id}`;
  }

  @expose() post(title: string) {
    return `post ${title}`;
  }

  @expose() put(id: string, title = '') {
    return `put ${id} ${title}`;
  }

  @expose() delete(id: string) {
    return `delete ${id}`;
  }
}

const app = () => makeApp({ books: new Books() }, { logger: quiet });

describeAdapters('RestController: deviations from Pecan', ({ client }) => {
  it('DESIGN §5.3: a missing id is a 400 naming the parameter', async () => {
    const c = await client(app());
    for (const method of ['PUT', 'DELETE']) {
      const r = await c.request('/books', { method });
      expect(r.status, method).toBe(400);
      expect(r.text, method).toContain('"id"');
    }
  });

  it('DESIGN §5.6: HEAD is served by the GET methods, without a body', async () => {
    const c = await client(app());
    for (const path of ['/books', '/books/7']) {
      const r = await c.head(path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe('');
    }
  });

  it('DESIGN §5.6: a head() method still answers HEAD', async () => {
    let calls = 0;
    class WithHead extends Books {
      @expose() head() {
        calls++;
        return 'x';
      }
    }
    const c = await client(makeApp({ books: new WithHead() }, { logger: quiet }));
    expect((await c.head('/books')).status).toBe(200);
    expect(calls).toBe(1);
  });

  it('DESIGN §5.6: HEAD cannot tunnel PUT or DELETE through _method', async () => {
    const c = await client(app());
    expect((await c.head('/books/1?_method=delete')).status).toBe(405);
  });

  it('DESIGN §5.6: a 405 lists HEAD with GET, and sends no empty Allow', async () => {
    class ReadOnly extends RestController {
      @expose() getAll() {
        return 'all';
      }
    }
    class Nothing extends RestController {}
    const c = await client(makeApp({ r: new ReadOnly(), n: new Nothing() }, { logger: quiet }));
    const r = await c.post('/r');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
    const n = await c.post('/n');
    expect(n.status).toBe(405);
    expect(n.headers.has('allow')).toBe(false);
  });

  it('DESIGN §5.13: parameters with defaults are optional when dispatching', async () => {
    class Combined extends RestController {
      @expose() get(id: string | null = null) {
        return id === null ? 'collection' : `item ${id}`;
      }
    }
    class Paged extends RestController {
      @expose() getAll(page = '1') {
        return `page ${page}`;
      }
    }
    const c = await client(makeApp({ c: new Combined(), p: new Paged() }, { logger: quiet }));
    expect((await c.get('/c')).text).toBe('collection');
    expect((await c.get('/c/5')).text).toBe('item 5');
    expect((await c.get('/p?page=3')).text).toBe('page 3');
  });
});

describeAdapters('RestController: _method', ({ client }) => {
  it('is read from an urlencoded body, which still feeds the arguments', async () => {
    const c = await client(app());
    const r = await c.post('/books/3', { form: { _method: 'PUT', title: 'Emma' } });
    expect(r.text).toBe('put 3 Emma');
  });

  it('is read from a multipart body', async () => {
    const c = await client(app());
    const boundary = 'xyzzy';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const r = await c.post('/books/3', {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `${part('_method', 'put')}${part('title', 'Dune')}--${boundary}--\r\n`,
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('put 3 Dune');
  });

  it('is not read from a JSON body', async () => {
    const c = await client(app());
    const r = await c.post('/books', { json: { _method: 'delete', title: 'Emma' } });
    expect(r.text).toBe('post Emma');
  });

  it('from the query wins over the body', async () => {
    const c = await client(app());
    const r = await c.post('/books/3?_method=delete', { form: { _method: 'put' } });
    expect(r.text).toBe('delete 3');
  });

  it('never names a special method or a JS internal', async () => {
    class Special extends Books {
      // Tried as a fallback (and matching nothing), never the endpoint of `_method=_lookup`.
      @expose() _lookup(..._rest: string[]): unknown {
        return undefined;
      }
    }
    const c = await client(makeApp({ books: new Special() }, { logger: quiet }));
    for (const verb of ['_lookup', '_route', 'constructor', 'toString', '__proto__']) {
      const r = await c.post(`/books?_method=${verb}`);
      expect(r.status, verb).toBe(405);
    }
  });
});

describeAdapters('RestController: custom actions', ({ client }) => {
  it('prefers verbName over name, and reads a static customActions', async () => {
    class Counted extends RestController {
      static customActions = { count: ['GET', 'POST'] };

      @expose() getCount() {
        return 'getCount';
      }

      @expose() count() {
        return 'count';
      }
    }
    const c = await client(makeApp({ things: new Counted() }, { logger: quiet }));
    expect((await c.get('/things/count')).text).toBe('getCount');
    expect((await c.post('/things/count')).text).toBe('count');
  });

  it('an instance customActions wins over the static one', async () => {
    class Both extends RestController {
      static customActions = { a: ['GET'] };
      customActions = { b: ['GET'] };

      @expose() a() {
        return 'a';
      }

      @expose() b() {
        return 'b';
      }

      @expose() getOne(id: string) {
        return `id ${id}`;
      }
    }
    const c = await client(makeApp({ things: new Both() }, { logger: quiet }));
    expect((await c.get('/things/b')).text).toBe('b');
    expect((await c.get('/things/a')).text).toBe('id a');
  });

  it('a method not listed for the verb is not an action', async () => {
    class Listed extends RestController {
      customActions = { reset: ['POST'], constructor: ['GET'] };

      @expose() reset() {
        return 'reset';
      }

      @expose() getOne(id: string) {
        return `id ${id}`;
      }
    }
    const c = await client(makeApp({ things: new Listed() }, { logger: quiet }));
    expect((await c.get('/things/reset')).text).toBe('id reset');
    expect((await c.post('/things/reset')).text).toBe('reset');
    expect((await c.get('/things/constructor')).text).toBe('id constructor');
  });
});

describeAdapters('RestController: dispatch details', ({ client }) => {
  it('§4.2 step 5: a trailing slash hands the ids to _lookup', async () => {
    class Child extends RestController {
      constructor(readonly id: string) {
        super();
      }

      @expose() getAll() {
        return `lookup ${this.id}`;
      }
    }
    class Parent extends RestController {
      @expose() getOne(id: string) {
        return `one ${id}`;
      }

      @expose() _lookup(id: string, ...rest: string[]) {
        return [new Child(id), rest];
      }
    }
    const c = await client(makeApp({ foo: new Parent() }, { logger: quiet }));
    expect((await c.get('/foo/1')).text).toBe('one 1');
    expect((await c.get('/foo/1/')).text).toBe('lookup 1');
  });

  it('§4.1: an index serves the collection URL for every method', async () => {
    class Indexed extends Books {
      @expose() index() {
        return 'index';
      }
    }
    const c = await client(makeApp({ books: new Indexed() }, { logger: quiet }));
    expect((await c.post('/books/')).text).toBe('index');
    expect((await c.get('/books')).status).toBe(302);
    expect((await c.get('/books/7')).text).toBe('one 7');
  });

  it('parent ids reach the child first, and hooks see them in state.arguments', async () => {
    const seen: unknown[] = [];
    class Watch extends PecanHook {
      override before(state: State) {
        seen.push(state.arguments?.args);
      }
    }
    class Chapters extends RestController {
      @expose() getOne(bookId: string, id: string) {
        return `book ${bookId} chapter ${id}`;
      }
    }
    class Parent extends Books {
      chapters = new Chapters();
    }
    const c = await client(
      makeApp({ books: new Parent() }, { logger: quiet, hooks: [new Watch()] }),
    );
    expect((await c.get('/books/4/chapters/2')).text).toBe('book 4 chapter 2');
    expect(seen).toEqual([['4', '2']]);
  });

  it('async _lookup and async child endpoints', async () => {
    class Child extends RestController {
      constructor(readonly id: string) {
        super();
      }

      @expose() async getAll() {
        await Promise.resolve();
        return `async ${this.id}`;
      }
    }
    class Parent extends RestController {
      @expose() async _lookup(id: string, ...rest: string[]) {
        await Promise.resolve();
        return [new Child(id), rest];
      }
    }
    const c = await client(makeApp({ foo: new Parent() }, { logger: quiet }));
    expect((await c.get('/foo/9')).text).toBe('async 9');
  });

  it('a RestController subclass may declare static hooks', async () => {
    class Tag extends PecanHook {
      override after(state: State) {
        state.response.headers.set('X-Testing', 'XYZ');
      }
    }
    class Hooked extends Books {
      static hooks = [new Tag()];
    }
    const c = await client(makeApp({ books: new Hooked() }, { logger: quiet }));
    const r = await c.delete('/books/100/');
    expect(r.text).toBe('delete 100');
    expect(r.headers.get('x-testing')).toBe('XYZ');
  });

  it('secure(rest, check) guards the whole resource; @secure one method', async () => {
    const allowed = (request: PecanRequest) => request.headers.get('x-role') === 'admin';
    class Guarded extends Books {
      @secure(allowed) @expose() override delete(id: string) {
        return `delete ${id}`;
      }
    }
    const c = await client(
      makeApp({ admin: secure(new Books(), allowed), books: new Guarded() }, { logger: quiet }),
    );
    expect((await c.get('/admin/1')).status).toBe(401);
    expect((await c.get('/admin/1', { headers: { 'x-role': 'admin' } })).text).toBe('one 1');
    expect((await c.get('/books/1')).text).toBe('one 1');
    expect((await c.delete('/books/1')).status).toBe(401);
    const ok = await c.delete('/books/1', { headers: { 'x-role': 'admin' } });
    expect(ok.text).toBe('delete 1');
  });

  it('explicit mode: a missing id is counted after (req, res)', async () => {
    class Explicit extends RestController {
      @expose() getAll(_req: PecanRequest, _res: unknown) {
        return 'all';
      }

      @expose() getOne(_req: PecanRequest, _res: unknown, id: string) {
        return `one ${id}`;
      }
    }
    const c = await client(
      makeApp({ things: new Explicit() }, { logger: quiet, contextLocals: false }),
    );
    expect((await c.get('/things')).text).toBe('all');
    expect((await c.get('/things/3')).text).toBe('one 3');
  });
});

it('route= on a RestController method is refused when the class is instantiated', () => {
  class Routed extends RestController {
    @expose({ route: 'some-path' }) getAll() {
      return 'x';
    }
  }
  expect(() => new Routed()).toThrow('Routed.getAll');
  expect(() => new Routed()).toThrow('Routed.getAll'); // every time, as Pecan's __new__
});

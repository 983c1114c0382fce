/**
 * Memoised dispatch through plain objects (src/dispatch/route-memo.ts): a tree of object
 * literals is remembered as a tree of controller classes is, and whatever a user changes in it
 * that dispatch would see — an attribute, or an `index`, `_default`, `_lookup` or `_route` added
 * or replaced — answers on the next request exactly as a fresh walk does.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import {
  RestController,
  expose,
  makeApp,
  request,
  secure,
  type PecanApp,
} from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Leaf {
  constructor(private readonly name: string) {}
  @expose() f() {
    return `leaf ${this.name}`;
  }
}

class Users extends RestController {
  @expose() getOne(id: string) {
    return `user ${id}`;
  }
}

const memoOf = (app: PecanApp) => app.app.routeMemo;
const page = (text: string) => expose()(() => text);

type Tree = Record<string, any>;

function plainTree(): Tree {
  return { deep: { a: { b: { c: { d: { e: new Leaf('e') } } } } } };
}

describeAdapters('memoised dispatch through plain objects', ({ client }) => {
  it('remembers a walk through nested object literals', async () => {
    const app = makeApp(plainTree(), { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 3; i++) expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf e');
    expect(memoOf(app).size).toBe(1);
  });

  it('sees an attribute of a plain object reassigned or deleted', async () => {
    const root = plainTree();
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf e');
    root.deep.a.b.c.d.e = new Leaf('other');
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf other');
    root.deep.a.b = { c: { d: { e: new Leaf('third') } } };
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf third');
    delete root.deep.a.b;
    expect((await c.get('/deep/a/b/c/d/e/f')).status).toBe(404);
  });

  it('sees a _route added to a plain object on a remembered path', async () => {
    const root = plainTree();
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf e');
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf e');
    // §1.7: a `_route` takes over every path below its controller.
    root.deep.a.b._route = expose()((remainder: string[]) => [
      page(`routed ${remainder.join('/')}`),
      [],
    ]);
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('routed c/d/e/f');
    delete root.deep.a.b._route;
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf e');
  });

  it('sees an index added, replaced or removed on a plain object', async () => {
    const root: Tree = { docs: { about: { index: page('about') } } };
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/docs/about/')).text).toBe('about');
    expect((await c.get('/docs/about/')).text).toBe('about');
    root.docs.about.index = page('about, new');
    expect((await c.get('/docs/about/')).text).toBe('about, new');
    // No longer exposed: not served, although the path was remembered.
    root.docs.about.index = () => 'not exposed';
    expect((await c.get('/docs/about/')).status).toBe(404);
    delete root.docs.about.index;
    expect((await c.get('/docs/about/')).status).toBe(404);
    root.docs.index = page('docs');
    expect((await c.get('/docs/')).text).toBe('docs');
  });

  it('sees a _default added above a remembered RestController, which answers its 404s', async () => {
    const root: Tree = { api: { users: new Users() } };
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    expect((await c.get('/api/users/1')).text).toBe('user 1');
    expect(memoOf(app).size).toBe(1);
    // DELETE without a `delete` method: the walk's 405, which a `_default` above answers.
    expect((await c.delete('/api/users/1')).status).toBe(405);
    root.api._default = expose()((...rest: string[]) => `default ${rest.join('/')}`);
    expect((await c.delete('/api/users/1')).text).toBe('default users/1');
    expect((await c.get('/api/users/2')).text).toBe('user 2');
  });

  it('never serves what a walk would not: functions not exposed, inherited and fallback names', async () => {
    const root: Tree = {
      leaf: new Leaf('x'),
      plain: () => 'not exposed',
      box: { _lookup: expose()((name: string, ...rest: string[]) => [new Leaf(name), rest]) },
    };
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 2; i++) {
      expect((await c.get('/plain')).status).toBe(404);
      expect((await c.get('/constructor')).status).toBe(404);
      expect((await c.get('/leaf/constructor')).status).toBe(404);
      expect((await c.get('/box/found/f')).text).toBe('leaf found');
      expect((await c.get('/leaf/f')).text).toBe('leaf x');
    }
    // Only /leaf/f is remembered; 404s and the `_lookup` are walked every time.
    expect(memoOf(app).size).toBe(1);
    root.leaf.f = () => 'replaced, not exposed';
    expect((await c.get('/leaf/f')).status).toBe(404);
  });

  it('does not remember a getter on a plain object: it is read once per request', async () => {
    let reads = 0;
    const root: Tree = {
      get dynamic() {
        reads++;
        return new Leaf(`read ${reads}`);
      },
    };
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    expect((await c.get('/dynamic/f')).text).toBe('leaf read 1');
    expect((await c.get('/dynamic/f')).text).toBe('leaf read 2');
    expect(reads).toBe(2);
    expect(memoOf(app).size).toBe(0);
  });

  it('checks a plain object secured after its path was remembered', async () => {
    const root = plainTree();
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/deep/a/b/c/d/e/f')).text).toBe('leaf e');
    root.deep.a = secure(root.deep.a, () => request.headers.get('x-role') === 'admin');
    expect((await c.get('/deep/a/b/c/d/e/f')).status).toBe(401);
    const admin = { headers: { 'x-role': 'admin' } };
    expect((await c.get('/deep/a/b/c/d/e/f', admin)).text).toBe('leaf e');
    expect((await c.get('/deep/a/b/c/d/e/f')).status).toBe(401);
  });
});

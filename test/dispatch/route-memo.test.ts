/**
 * Memoised dispatch (src/dispatch/route-memo.ts): a pure attribute walk is remembered per path,
 * and nothing a user can observe changes — reassigned attributes, getters, fallbacks and
 * generic methods behave exactly as they do when every request is walked.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import {
  PecanHook,
  RestController,
  expose,
  makeApp,
  when,
  type PecanApp,
  type State,
} from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Leaf {
  constructor(private readonly name: string) {}
  @expose() index() {
    return `leaf ${this.name}`;
  }
  @expose() show(id: string) {
    return `${this.name} ${id}`;
  }
}

let getterReads = 0;
let lookups = 0;

class WithGetter {
  get dynamic(): Leaf {
    getterReads++;
    return new Leaf(`read ${getterReads}`);
  }
}

class WithLookup {
  @expose() _lookup(name: string, ...rest: string[]) {
    lookups++;
    return [new Leaf(`looked up ${name}`), rest];
  }
}

class Generic {
  @expose({ generic: true }) index() {
    return 'generic index';
  }
  @when('index', { method: 'POST' }) indexPost(...rest: string[]) {
    return `posted ${rest.join('/')}`;
  }
}

class Root {
  a: Leaf = new Leaf('a');
  getter = new WithGetter();
  lookup = new WithLookup();
  generic = new Generic();
  @expose() index() {
    return 'root';
  }
}

const memoOf = (app: PecanApp) => app.app.routeMemo;

const befores: string[] = [];
class Tag extends PecanHook {
  override before(state: State) {
    befores.push(state.request.path);
  }
}

class Users extends RestController {
  static hooks = [new Tag()];
  constructor(private readonly kind: string) {
    super();
  }
  @expose() getAll() {
    return `all ${this.kind}`;
  }
  @expose() getOne(id: string) {
    return `${this.kind} ${id}`;
  }
}

class Fallback {
  @expose() _default(...rest: string[]) {
    return `default ${rest.join('/')}`;
  }
}

class SelfRouted {
  @expose() index() {
    return 'own index';
  }
  @expose({ route: 'fixed-path' }) fixed() {
    return 'custom segment';
  }
  @expose() _route(remainder: string[]) {
    return [expose()(() => `routed ${remainder.join('/')}`), []];
  }
}

class RestRoot {
  routed = new SelfRouted();
  users: Users = new Users('user');
  fallback = Object.assign(new Fallback(), { users: new Users('inner') });
}

describeAdapters('memoised dispatch', ({ client }) => {
  it('remembers a pure walk and answers the same from the memo', async () => {
    const app = makeApp(new Root(), { logger: quiet });
    const c = await client(app);
    expect((await c.get('/a/show/1')).text).toBe('a 1');
    expect(memoOf(app).size).toBe(1);
    expect((await c.get('/a/show/1')).text).toBe('a 1');
    expect((await c.get('/')).text).toBe('root');
    expect((await c.get('/')).text).toBe('root');
    expect(memoOf(app).size).toBe(2);
  });

  it('sees an attribute reassigned after the path was remembered', async () => {
    const root = new Root();
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    expect((await c.get('/a/')).text).toBe('leaf a');
    expect((await c.get('/a/')).text).toBe('leaf a');
    root.a = new Leaf('b');
    expect((await c.get('/a/')).text).toBe('leaf b');
    delete (root as Partial<Root>).a;
    expect((await c.get('/a/')).status).toBe(404);
  });

  it('does not remember walks through getters: each request reads the getter once', async () => {
    const app = makeApp(new Root(), { logger: quiet });
    const c = await client(app);
    const before = getterReads;
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push((await c.get('/getter/dynamic/')).text);
    expect(getterReads - before).toBe(3);
    expect(new Set(texts).size).toBe(3);
    expect(memoOf(app).size).toBe(0);
  });

  it('does not remember walks a _lookup decided: it is called on every request', async () => {
    const app = makeApp(new Root(), { logger: quiet });
    const c = await client(app);
    const before = lookups;
    for (let i = 0; i < 3; i++) expect((await c.get('/lookup/x/')).text).toBe('leaf looked up x');
    expect(lookups - before).toBe(3);
    expect(memoOf(app).size).toBe(0);
  });

  it('does not remember the generic fallback, which depends on the method (§1.2 step 12)', async () => {
    const app = makeApp(new Root(), { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 2; i++) {
      expect((await c.post('/generic/x')).text).toBe('posted x');
      expect((await c.get('/generic/x')).status).toBe(404);
    }
    expect(memoOf(app).size).toBe(0);
  });

  it('keeps the canonical redirect of a remembered index path', async () => {
    const app = makeApp(new Root(), { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 2; i++) {
      const r = await c.get('/a?x=1');
      expect(r.status).toBe(302);
      expect(r.location).toMatch(/\/a\/\?x=1$/);
    }
  });

  it('stays bounded whatever paths clients send', async () => {
    const app = makeApp(new Root(), { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 1100; i++) await c.get(`/a/show/${i}`);
    expect(memoOf(app).size).toBeGreaterThan(0);
    expect(memoOf(app).size).toBeLessThanOrEqual(1024);
    expect((await c.get('/a/show/last')).text).toBe('a last');
  });

  it('never remembers a 404', async () => {
    const app = makeApp(new Root(), { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 5; i++) expect((await c.get(`/missing/${i}`)).status).toBe(404);
    expect(memoOf(app).size).toBe(0);
  });

  it('remembers the walk to a RestController once, for every path below it', async () => {
    const root = new RestRoot();
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    befores.length = 0;
    expect((await c.get('/users/1')).text).toBe('user 1');
    expect((await c.get('/users/2')).text).toBe('user 2');
    expect((await c.get('/users/')).text).toBe('all user');
    expect((await c.get('/users')).text).toBe('all user');
    expect(memoOf(app).size).toBe(1);
    // The controller's hooks still run for every request routed through it.
    expect(befores).toEqual(['/users/1', '/users/2', '/users/', '/users']);
    expect((await c.get('/users/1/2')).status).toBe(404);
    expect((await c.delete('/users/1')).status).toBe(405);
    root.users = new Users('admin');
    expect((await c.get('/users/3')).text).toBe('admin 3');
  });

  it('does not remember a RestController below a _default, which answers its 404s', async () => {
    const app = makeApp(new RestRoot(), { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 2; i++) {
      expect((await c.get('/fallback/users/1')).text).toBe('inner 1');
      expect((await c.delete('/fallback/users/1')).text).toBe('default users/1');
    }
    expect(memoOf(app).size).toBe(0);
  });

  it("keeps a controller's own index and custom segments ahead of its _route", async () => {
    const app = makeApp(new RestRoot(), { logger: quiet });
    const c = await client(app);
    for (let i = 0; i < 2; i++) {
      expect((await c.get('/routed/x')).text).toBe('routed x');
      expect((await c.get('/routed/')).text).toBe('own index');
      expect((await c.get('/routed/fixed-path')).text).toBe('custom segment');
      expect((await c.get('/routed/y/z')).text).toBe('routed y/z');
    }
  });
});

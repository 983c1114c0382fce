// DESIGN §3 "Safe object dispatch" and §5.2: JS internals are never routable, and names such
// as `__proto__` or `constructor` in a query, form, JSON body or cookie are plain data that
// never reach `Object.prototype`.
import { afterEach, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, request } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Deeper {
  @expose() index() {
    return 'deeper';
  }
}

class Sub {
  deeper = new Deeper();

  @expose() index() {
    return 'sub';
  }
}

class Root {
  sub = new Sub();

  @expose() index() {
    return 'index';
  }

  @expose('json') collect({ ...kw }: Record<string, unknown>) {
    return {
      kw,
      keys: Object.keys(kw),
      polluted: ({} as Record<string, unknown>).polluted ?? null,
    };
  }

  @expose('json') named(constructor: string, toString = 'default') {
    return { constructor, toString };
  }

  @expose('json') cookies() {
    return { cookies: request.cookies, keys: Object.keys(request.cookies) };
  }
}

const app = () => makeApp(new Root(), { logger: quiet });

function ownData(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
});

describeAdapters('robustness: prototype tricks', ({ client }) => {
  it('names inherited from Object.prototype are not routable', async () => {
    const c = await client(app());
    const paths = [
      '/constructor',
      '/__proto__',
      '/prototype',
      '/toString',
      '/valueOf',
      '/hasOwnProperty',
      '/isPrototypeOf',
      '/propertyIsEnumerable',
      '/toLocaleString',
      '/__defineGetter__',
      '/__lookupSetter__',
    ];
    for (const path of paths) expect((await c.get(path)).status, path).toBe(404);
  });

  it('internals below a sub-controller are not routable', async () => {
    const c = await client(app());
    const paths = [
      '/sub/constructor',
      '/sub/constructor/prototype',
      '/sub/__proto__/index',
      '/sub/deeper/constructor/name',
      '/sub/constructor/prototype/index',
    ];
    for (const path of paths) expect((await c.get(path)).status, path).toBe(404);
  });

  it("a function's own members are not routable", async () => {
    const c = await client(app());
    for (const path of [
      '/index/call',
      '/index/bind',
      '/index/apply',
      '/index/prototype',
      '/index/name',
      '/index/length',
    ]) {
      expect((await c.get(path)).status, path).toBe(404);
    }
  });

  it('internals are not routable when spelled with escapes or an extension', async () => {
    const c = await client(app());
    for (const path of [
      '/%5F%5Fproto%5F%5F',
      '/constructor.json',
      '/sub/%63onstructor',
      '/__proto__/',
    ]) {
      expect((await c.get(path)).status, path).toBe(404);
    }
  });

  it('query names __proto__[x] and constructor bind as plain data', async () => {
    const c = await client(app());
    const r = await c.get('/collect?__proto__[x]=1&constructor=1&__proto__=2');
    expect(r.status).toBe(200);
    const body = r.json as { kw: unknown; keys: string[]; polluted: unknown };
    expect(body.keys).toEqual(['__proto__[x]', 'constructor', '__proto__']);
    expect(body.kw).toEqual(
      ownData([
        ['__proto__[x]', '1'],
        ['constructor', '1'],
        ['__proto__', '2'],
      ]),
    );
    expect(body.polluted).toBeNull();
  });

  it('a JSON body with a __proto__ key binds it as plain data', async () => {
    const c = await client(app());
    const r = await c.post('/collect', {
      body: '{"__proto__": {"polluted": true}, "a": 1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(200);
    const body = r.json as { kw: unknown; keys: string[]; polluted: unknown };
    expect(body.keys).toEqual(['__proto__', 'a']);
    expect(body.kw).toEqual(
      ownData([
        ['__proto__', { polluted: true }],
        ['a', 1],
      ]),
    );
    expect(body.polluted).toBeNull();
  });

  it('a JSON body with constructor.prototype keys binds them as plain data', async () => {
    const c = await client(app());
    const json = { constructor: { prototype: { polluted: true } } };
    const r = await c.post('/collect', { json });
    expect((r.json as { kw: unknown }).kw).toEqual(json);
  });

  it('a query and a JSON body both naming __proto__ merge into a plain list', async () => {
    const c = await client(app());
    const r = await c.post('/collect?__proto__=q', {
      body: '{"__proto__": "b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect((r.json as { kw: unknown }).kw).toEqual(ownData([['__proto__', ['q', 'b']]]));
  });

  it('a form field named __proto__ binds as plain data', async () => {
    const c = await client(app());
    const r = await c.post('/collect', {
      body: '__proto__=x&__proto__[polluted]=1&constructor=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const body = r.json as { kw: unknown; keys: string[] };
    expect(body.keys).toEqual(['__proto__', '__proto__[polluted]', 'constructor']);
    expect(body.kw).toEqual(
      ownData([
        ['__proto__', 'x'],
        ['__proto__[polluted]', '1'],
        ['constructor', 'y'],
      ]),
    );
  });

  it('a multipart field named __proto__ binds as plain data', async () => {
    const c = await client(app());
    const body = '--b\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--b--\r\n';
    const r = await c.post('/collect', {
      body,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect((r.json as { kw: unknown }).kw).toEqual(ownData([['__proto__', 'x']]));
  });

  it('a parameter named after an Object.prototype member is never filled from the prototype', async () => {
    const c = await client(app());
    const missing = await c.get('/named');
    expect(missing.status).toBe(400); // DESIGN §5.3: Pecan gives 500
    expect(missing.text).toContain('"constructor"');
    expect((await c.get('/named?constructor=c')).json).toEqual({
      constructor: 'c',
      toString: 'default',
    });
  });

  it('cookies named __proto__ and constructor are plain data', async () => {
    const c = await client(app());
    const r = await c.get('/cookies', {
      headers: { cookie: '__proto__=x; constructor=y; polluted=z' },
    });
    const body = r.json as { cookies: unknown; keys: string[] };
    expect(body.keys).toEqual(['__proto__', 'constructor', 'polluted']);
    expect(body.cookies).toEqual(
      ownData([
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['polluted', 'z'],
      ]),
    );
  });
});

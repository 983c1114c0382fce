// DESIGN §5.12: a malformed or hostile URL is a clear 4xx, never a crash. Raw request targets
// (dot segments, absolute-form, `*`) need the node adapter: a Fetch `Request` normalises them.
import { describe, expect, it } from 'vitest';
import { describeAdapters, nodeClient } from '../support/adapters.js';
import { expose, makeApp, request } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Sub {
  @expose() index() {
    return 'sub index';
  }
}

class Root {
  sub = new Sub();

  @expose() index() {
    return 'root index';
  }

  @expose() hello() {
    return 'hello';
  }

  @expose('json') echo(...segments: string[]) {
    return { segments, path: request.path };
  }

  @expose('json') query({ ...kw }: Record<string, unknown>) {
    return kw;
  }
}

class Chain {
  @expose() _lookup(_segment: string, ...rest: string[]) {
    return [this, rest];
  }
}

class Secret {
  @expose() secret() {
    return 'top secret';
  }
}

const app = () => makeApp(new Root(), { logger: quiet });

describeAdapters('robustness: malformed URLs', ({ client }) => {
  it('a malformed percent escape in the path stays literal text and is a 404', async () => {
    const c = await client(app());
    for (const path of ['/%zz', '/%', '/%2', '/hello%']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(404);
    }
  });

  it('a malformed percent escape binds as literal text', async () => {
    const c = await client(app());
    const r = await c.get('/echo/%zz/a%/%');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ segments: ['%zz', 'a%', '%'], path: '/echo/%zz/a%/%' });
  });

  it('a truncated UTF-8 sequence in the path is a 400 naming the cause', async () => {
    const c = await client(app());
    const r = await c.get('/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(r.text).toContain('not UTF-8');
  });

  it('invalid UTF-8 in the path is a 400', async () => {
    const c = await client(app());
    for (const path of ['/%aa/', '/echo/%ff', '/sub/%C3']) {
      expect((await c.get(path)).status, path).toBe(400);
    }
  });

  it('invalid UTF-8 in the query string is a 400', async () => {
    const c = await client(app());
    for (const path of ['/hello?a=%ff', '/query?%aa=1', '/?a=%E0%A4%A']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain('not UTF-8');
    }
  });

  it('an overlong UTF-8 encoding is a 400, not a disguised slash or dot', async () => {
    const c = await client(app());
    for (const path of ['/%C0%AFhello', '/echo/%C0%AE%C0%AE', '/hello?a=%C0%80']) {
      expect((await c.get(path)).status, path).toBe(400);
    }
  });

  it('an encoded NUL byte is an ordinary segment: 404 when nothing matches', async () => {
    const c = await client(app());
    expect((await c.get('/%00')).status).toBe(404);
    expect((await c.get('/hello%00')).status).toBe(404);
  });

  it('an encoded NUL byte binds as data in the path and the query', async () => {
    const c = await client(app());
    expect((await c.get('/echo/a%00b')).json).toEqual({ segments: ['a\0b'], path: '/echo/a\0b' });
    expect((await c.get('/query?n%00=%00')).json).toEqual({ 'n\0': '\0' });
  });

  it('an 8 KB path that matches nothing is a 404', async () => {
    const c = await client(app());
    const r = await c.get(`/${'a'.repeat(8192)}`);
    expect(r.status).toBe(404);
  });

  it('an 8 KB segment binds as one argument', async () => {
    const c = await client(app());
    const long = 'é'.repeat(1400); // 8.4 KB once percent-encoded
    const r = await c.get(`/echo/${encodeURIComponent(long)}`);
    expect(r.status).toBe(200);
    expect((r.json as { segments: string[] }).segments).toEqual([long]);
  });

  it('thousands of segments bind to a rest parameter', async () => {
    const c = await client(app());
    const r = await c.get(`/echo${'/x'.repeat(3000)}`);
    expect(r.status).toBe(200);
    expect((r.json as { segments: string[] }).segments).toHaveLength(3000);
  });

  it('thousands of unknown segments are a 404', async () => {
    const c = await client(app());
    expect((await c.get('/a'.repeat(3000))).status).toBe(404);
    expect((await c.get('/hello'.repeat(1000))).status).toBe(404);
  });

  it('a _lookup chain thousands of segments deep is answered without a crash', async () => {
    const c = await client(makeApp(new Chain(), { logger: quiet }));
    const r = await c.get('/a'.repeat(3000));
    expect(r.status).toBe(404);
  });

  it('a double slash serves the root index (§1.1)', async () => {
    const c = await client(app());
    const r = await c.get('//');
    expect(r.status).toBe(200);
    expect(r.text).toBe('root index');
  });

  it('dot segments never climb out of the mount point', async () => {
    const c = await client(makeApp(new Root(), { basePath: '/app', logger: quiet }));
    expect((await c.get('/app/hello')).status).toBe(200);
    // A Fetch URL resolves the dots client-side (→ /hello, outside the mount); raw, `..` is a
    // segment name. Either way the controller is not served.
    for (const path of ['/hello', '/app/../hello', '/app/%2e%2e/hello', '/app/..%2Fhello']) {
      expect((await c.get(path)).status, path).toBe(404);
    }
  });

  it('an encoded slash is a separator, so an encoded dot-dot is only a segment', async () => {
    const c = await client(app());
    const r = await c.get('/echo/a%2F..%2F..%2Fb');
    expect(r.json).toEqual({ segments: ['a', '..', '..', 'b'], path: '/echo/a/../../b' });
  });
});

describe('robustness: raw request targets [node]', () => {
  const withSecret = () => {
    const root = new Root() as Root & { inner: Secret };
    root.inner = new Secret();
    return makeApp(root, { logger: quiet });
  };

  it('a raw dot segment is a segment name, not a path step: 404', async () => {
    const c = await nodeClient(app());
    for (const path of ['/./hello', '/sub/../hello', '/..', '/../../etc/passwd', '/%2e%2e/hello']) {
      expect((await c.get(path)).status, path).toBe(404);
    }
  });

  it('a raw dot-dot never climbs from a sub-controller to its parent', async () => {
    const c = await nodeClient(withSecret());
    expect((await c.get('/inner/secret')).status).toBe(200);
    expect((await c.get('/sub/../inner/secret')).status).toBe(404);
  });

  it('a raw dot segment binds as data to a rest parameter', async () => {
    const c = await nodeClient(app());
    const r = await c.get('/echo/./../x');
    expect(r.json).toEqual({ segments: ['.', '..', 'x'], path: '/echo/./../x' });
  });

  it('an absolute-form request target routes on its path', async () => {
    const c = await nodeClient(app());
    const r = await c.get('http://localhost/hello');
    expect(r.status).toBe(200);
    expect(r.text).toBe('hello');
  });

  it('an absolute-form request target keeps its query string', async () => {
    const c = await nodeClient(app());
    const r = await c.get('http://localhost/query?a=1&b=%C3%A9');
    expect(r.json).toEqual({ a: '1', b: 'é' });
  });

  it('an absolute-form target with invalid UTF-8 is a 400', async () => {
    const c = await nodeClient(app());
    expect((await c.get('http://localhost/%aa')).status).toBe(400);
  });

  it('the asterisk request target is a 404, not a crash', async () => {
    const c = await nodeClient(app());
    expect((await c.request('*', { method: 'OPTIONS' })).status).toBe(404);
    expect((await c.get('*')).status).toBe(404);
  });
});

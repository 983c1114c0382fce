import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { abort, expose, makeApp, request, response } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Sub {
  @expose() index() {
    return 'sub index';
  }
}

class Root {
  sub = new Sub();

  @expose() index() {
    return 'hello';
  }

  @expose('json') data(id: string, page = '1') {
    return { id, page, method: request.method };
  }

  @expose() teapot() {
    response.setStatus('418 I am a teapot');
    return 'short and stout';
  }

  @expose() forbidden() {
    abort(403, 'nope');
  }
}

describeAdapters('smoke', ({ client }) => {
  it('serves the root index', async () => {
    const c = await client(makeApp(new Root()));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('hello');
    expect(r.contentType).toBe('text/html; charset=UTF-8');
  });

  it('binds path and query arguments into JSON', async () => {
    const c = await client(makeApp(new Root()));
    const r = await c.get('/data/7?page=3');
    expect(r.json).toEqual({ id: '7', page: '3', method: 'GET' });
  });

  it('redirects a sub-controller without slash', async () => {
    const c = await client(makeApp(new Root()));
    const r = await c.get('/sub?x=1');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/sub/?x=1');
  });

  it('keeps a custom status line', async () => {
    const c = await client(makeApp(new Root()));
    const r = await c.get('/teapot');
    expect(r.status).toBe(418);
  });

  it('turns abort into an error body', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.get('/forbidden', { headers: { accept: 'application/json' } });
    expect(r.status).toBe(406);
    const p = await c.get('/forbidden');
    expect(p.status).toBe(403);
    expect(p.text).toContain('nope');
  });

  it('404s on prototype internals', async () => {
    const c = await client(makeApp(new Root()));
    for (const path of [
      '/constructor',
      '/__proto__',
      '/toString',
      '/sub/constructor/name',
      '/hasOwnProperty',
    ]) {
      expect((await c.get(path)).status, path).toBe(404);
    }
  });
});

/**
 * Generic controllers (§3.5) beyond Pecan's test_generic.py: HEAD, the Allow rules, per-handler
 * content types, security on the chosen handler (§6.3) and argument binding (DESIGN §5.5).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { abort, expose, makeApp, response, secure, when } from '../../src/index.js';

describeAdapters('generic controllers', ({ client }) => {
  class Root {
    @expose({ generic: true }) index() {
      response.headers.set('X-Handler', 'default');
      return 'default';
    }

    @when('index', { method: 'GET' }) index_get() {
      response.headers.set('X-Handler', 'get');
      return 'get';
    }

    @when('index', { method: 'POST', template: 'json' }) index_post() {
      return { handler: 'post' };
    }

    @when('index', { method: 'patch' }) index_patch() {
      return 'patched';
    }

    @expose({ generic: true }) onlyPost() {
      abort(405);
    }

    @when('onlyPost', { method: 'POST' }) onlyPost_post() {
      abort(405);
    }

    @expose({ generic: true, template: 'json' }) thing() {
      return { method: 'default' };
    }

    @when('thing', { method: 'PUT', template: 'json' }) thing_put(a: string, b: string) {
      return { a, b };
    }

    @expose({ generic: true }) guarded() {
      return 'read';
    }

    @secure(async () => false) @when('guarded', { method: 'DELETE' }) guarded_delete() {
      return 'deleted';
    }

    @secure(() => false) @expose({ generic: true }) closed() {
      return 'never';
    }

    @when('closed', { method: 'POST' }) closed_post() {
      return 'never';
    }
  }

  it('runs the default function for HEAD even with a GET handler, as Pecan', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.head('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-handler')).toBe('default');
    expect(r.text).toBe('');
    expect((await c.get('/')).headers.get('x-handler')).toBe('get');
  });

  it('answers other methods with the default function (no automatic 405)', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.put('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('default');
  });

  it('upper-cases the method given to @when', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.patch('/')).text).toBe('patched');
  });

  it('keeps each handler’s own template and content type', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const get = await c.get('/');
    expect(get.contentType).toMatch(/^text\/html/);
    const post = await c.post('/');
    expect(post.contentType).toMatch(/^application\/json/);
    expect(post.json).toEqual({ handler: 'post' });
  });

  it('does not route a handler by its own name, whatever the method', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/index_post')).status).toBe(404);
    expect((await c.post('/index_post')).status).toBe(404);
  });

  it('lists only the registered methods in Allow when the default raises 405', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.get('/onlyPost');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('sends no Allow for a 405 raised inside a @when handler', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.post('/onlyPost');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBeNull();
  });

  it('binds every argument of a handler filled partly from the path (DESIGN §5.5)', async () => {
    // DESIGN §5.5: Pecan gives a 500 here (b is never filled).
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.put('/thing/1?b=2')).json).toEqual({ a: '1', b: '2' });
    expect((await c.put('/thing/1/2')).json).toEqual({ a: '1', b: '2' });
    expect((await c.put('/thing?a=1&b=2')).json).toEqual({ a: '1', b: '2' });
  });

  it('checks the security of the chosen handler only (§6.3)', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/guarded')).text).toBe('read');
    expect((await c.delete('/guarded')).status).toBe(401);
  });

  it('guards every method when the generic function itself is secured, as Pecan', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/closed')).status).toBe(401);
    expect((await c.post('/closed')).status).toBe(401);
  });
});

import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, request } from '../../src/index.js';

class Sub {
  @expose() index() {
    return `sub at ${request.scriptName}${request.path} of ${request.applicationUrl}`;
  }
}

class Root {
  sub = new Sub();

  @expose() index() {
    return 'root';
  }

  @expose() big(data = '') {
    return String(data.length);
  }
}

describeAdapters('makeApp options', ({ client }) => {
  it('accepts Pecan snake_case names as aliases', async () => {
    const app = makeApp(new Root(), { force_canonical: false } as never);
    expect(app.app.forceCanonical).toBe(false);
    expect((await (await client(app)).get('/sub')).text).toContain('sub at');
  });

  it('instantiates a root given as a class', async () => {
    expect((await (await client(makeApp(Root))).get('/')).text).toBe('root');
  });

  it('mounts under basePath, keeping it in redirects and request facts', async () => {
    const c = await client(makeApp(new Root(), { basePath: '/api/' }));
    expect((await c.get('/api/sub')).location).toBe('http://localhost/api/sub/');
    expect((await c.get('/api/sub/')).text).toBe('sub at /api/sub/ of http://localhost/api');
    expect((await c.get('/api')).location).toBe('http://localhost/api/');
    expect((await c.get('/api/')).text).toBe('root');
    expect((await c.get('/apix')).status).toBe(404);
    expect((await c.get('/sub/')).status).toBe(404);
  });

  it('refuses bodies over bodyLimit with 413', async () => {
    const c = await client(makeApp(new Root(), { bodyLimit: 16 }));
    expect((await c.post('/big', { form: { data: 'x'.repeat(10) } })).text).toBe('10');
    expect((await c.post('/big', { form: { data: 'x'.repeat(100) } })).status).toBe(413);
  });
});

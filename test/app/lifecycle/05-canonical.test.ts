/** Stage 5 of docs/lifecycle.md: `/sub` → `/sub/` for a controller with an index (§1.4). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp } from '../../../src/index.js';

class Sub {
  @expose() index() {
    return 'sub';
  }
}

class Root {
  sub = new Sub();
}

describeAdapters('stage 5: canonical', ({ client }) => {
  it('redirects GET with 302 and other methods with 307 (DESIGN §5.4)', async () => {
    const c = await client(makeApp(new Root()));
    const get = await c.get('/sub?page=2');
    expect(get.status).toBe(302);
    expect(get.location).toMatch(/\/sub\/\?page=2$/);
    expect((await c.post('/sub', { form: { a: '1' } })).status).toBe(307);
  });

  it('serves the index without its slash when forceCanonical is false', async () => {
    const c = await client(makeApp(new Root(), { forceCanonical: false }));
    expect((await c.get('/sub')).text).toBe('sub');
  });
});

/** Stage 6 of docs/lifecycle.md: the generic handler for the method, and its check (§3.5, §6.3). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp, secure, when } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose({ generic: true, template: 'json' }) items() {
    return { via: 'GET' };
  }

  @when('items', { method: 'POST', template: 'json' })
  @secure(async () => true)
  createItem() {
    return { via: 'POST' };
  }

  @when('items', { method: 'DELETE' })
  @secure(() => false)
  dropItems() {
    return 'dropped';
  }
}

describeAdapters('stage 6: generic', ({ client }) => {
  it('picks the handler for the method; an async check resumes at stage 7', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/items')).json).toEqual({ via: 'GET' });
    expect((await c.post('/items', { headers: { Accept: 'application/json' } })).json).toEqual({
      via: 'POST',
    });
  });

  it("denies with the handler's own check", async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.delete('/items')).status).toBe(401);
  });

  it('does not serve a @when handler by its own name', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.post('/createItem')).status).toBe(404);
  });
});

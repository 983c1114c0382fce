/** Stage 4 of docs/lifecycle.md: object dispatch, its fallbacks and security (§1.2, §6.2). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp, secure } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Item {
  constructor(readonly id: string) {}
  @expose() index() {
    return `item ${this.id}`;
  }
}

class Root {
  @expose() async _lookup(id: string, ...rest: string[]) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return [new Item(id), rest];
  }
  admin = secure(new Item('admin'), async () => false);
}

describeAdapters('stage 4: dispatch', ({ client }) => {
  it('an async _lookup: the pass resumes at stage 5 (canonical) once it settles', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/42/')).text).toBe('item 42');
    const redirected = await c.get('/42');
    expect(redirected.status).toBe(302);
    expect(redirected.location).toMatch(/\/42\/$/);
  });

  it('an async security check at a controller boundary denies with 401', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/admin/')).status).toBe(401);
  });

  it('never walks into JavaScript internals (DESIGN §3)', async () => {
    class Plain {
      item = new Item('1');
    }
    const c = await client(makeApp(new Plain(), { logger: quiet }));
    expect((await c.get('/item/')).text).toBe('item 1');
    expect((await c.get('/constructor/')).status).toBe(404);
    expect((await c.get('/item/constructor/')).status).toBe(404);
    expect((await c.get('/__proto__/')).status).toBe(404);
  });
});

/**
 * Memoised dispatch and security (src/dispatch/route-memo.ts): the memo is per app, and keeps
 * remembering the walks that cross no security boundary, whatever any app secures; a path
 * remembered before its controller was secured is checked once it is.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import {
  RestController,
  SecureController,
  expose,
  makeApp,
  request,
  secure,
} from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Vault {
  @expose() index() {
    return 'gold';
  }
}

class Root {
  vault: Vault = new Vault();
}

class Locked extends SecureController {
  static override checkPermissions() {
    return false;
  }

  @expose() index() {
    return 'secret';
  }
}

class Books extends RestController {
  @expose() getOne(id: string) {
    return `book ${id}`;
  }
  @expose()
  @secure(() => request.headers.get('x-role') === 'admin')
  delete(id: string) {
    return `deleted ${id}`;
  }
}

class Library {
  books = new Books();
}

class Mixed {
  open: Vault = new Vault();
  locked = new Locked();
  guarded = secure(new Vault(), () => true);
}

describeAdapters('memoised dispatch and security', ({ client }) => {
  it('checks a remembered path once its controller is secured', async () => {
    const root = new Root();
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    expect((await c.get('/vault/')).text).toBe('gold');
    expect((await c.get('/vault/')).text).toBe('gold');
    expect(app.app.routeMemo.size).toBe(1);
    root.vault = secure(root.vault, () => false);
    expect((await c.get('/vault/')).status).toBe(401);
    expect((await c.get('/vault/')).status).toBe(401);
  });

  it('remembers the public paths of an app that secures others, and not the secured ones', async () => {
    const app = makeApp(new Mixed(), { logger: quiet });
    const c = await client(app);
    expect((await c.get('/open/')).text).toBe('gold');
    expect((await c.get('/locked/')).status).toBe(401);
    expect((await c.get('/guarded/')).text).toBe('gold');
    // Only /open/ is remembered: the other two run their checks on every request.
    expect(app.app.routeMemo.size).toBe(1);
    expect((await c.get('/locked/')).status).toBe(401);
    expect((await c.get('/guarded/')).text).toBe('gold');
    expect(app.app.routeMemo.size).toBe(1);
  });

  it("keeps an app's memo on when another app secures something", async () => {
    const plain = makeApp(new Root(), { logger: quiet });
    const c = await client(plain);
    expect((await c.get('/vault/')).text).toBe('gold');
    secure(new Vault(), () => false); // another app's controller, secured now
    expect((await c.get('/vault/')).text).toBe('gold');
    expect((await c.get('/vault/')).text).toBe('gold');
    expect(plain.app.routeMemo.size).toBe(1);
  });

  // The walk to a RestController is remembered once for every path below it; the endpoint its
  // `_route` answers with must still pass its own check on each request.
  for (const [shape, makeRoot] of [
    ['a controller class', () => new Library()],
    ['a plain object', () => ({ books: new Books() })],
  ] as const) {
    it(`checks a @secure verb of a remembered RestController below ${shape}`, async () => {
      const app = makeApp(makeRoot(), { logger: quiet });
      const c = await client(app);
      expect((await c.get('/books/7')).text).toBe('book 7');
      expect(app.app.routeMemo.size).toBe(1);
      for (let i = 0; i < 2; i++) {
        expect((await c.delete('/books/7')).status).toBe(401);
        const admin = { headers: { 'x-role': 'admin' } };
        expect((await c.delete('/books/7', admin)).text).toBe('deleted 7');
      }
    });
  }
});

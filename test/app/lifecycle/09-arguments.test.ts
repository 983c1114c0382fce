/** Stage 9 of docs/lifecycle.md: arguments from the signature (§2.2–2.4). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose('json') page(book: string, page = '1', ...rest: string[]) {
    return { book, page, rest };
  }
  @expose() one(id: string) {
    return id;
  }
}

describeAdapters('stage 9: arguments', ({ client }) => {
  it('fills parameters from path segments, then params by name, then defaults', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/page/dune/7/a/b')).json).toEqual({
      book: 'dune',
      page: '7',
      rest: ['a', 'b'],
    });
    expect((await c.get('/page?book=dune')).json).toEqual({ book: 'dune', page: '1', rest: [] });
  });

  it('answers 400 for a missing argument (DESIGN §5.3) and 404 for surplus segments', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/one')).status).toBe(400);
    expect((await c.get('/one/1/2')).status).toBe(404);
  });
});

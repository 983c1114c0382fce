/** Stage 12 of docs/lifecycle.md: the controller's result becomes the response (§3.2). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp, response } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose('json') data() {
    return { books: ['Dune'] };
  }
  @expose() text() {
    return 'plain';
  }
  @expose() fetched() {
    return new Response('from a Response', { status: 202, headers: { 'X-Kind': 'fetch' } });
  }
  @expose() typed() {
    response.contentType = 'text/csv';
    return 'a,b';
  }
  @expose() object() {
    return { not: 'a body' };
  }
}

describeAdapters('stage 12: render', ({ client }) => {
  it("renders an object through the method's template ('json')", async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const answer = await c.get('/data');
    expect(answer.contentType).toBe('application/json');
    expect(answer.json).toEqual({ books: ['Dune'] });
  });

  it('sends a string as it is, and a Fetch Response as it is', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/text')).text).toBe('plain');
    const fetched = await c.get('/fetched');
    expect(fetched.status).toBe(202);
    expect(fetched.headers.get('x-kind')).toBe('fetch');
    expect(fetched.text).toBe('from a Response');
  });

  it('keeps a content type the controller set (DESIGN §5.8)', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/typed')).contentType).toBe('text/csv; charset=UTF-8');
  });

  it('answers 500 for an object from a plain @expose() (PECAN_ERR_INVALID_BODY)', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/object')).status).toBe(500);
  });
});

/** Stage 14 of docs/lifecycle.md: 200 without a body → 204; no Content-Type on 204/304 (§7.9). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp, response } from '../../../src/index.js';

class Root {
  @expose('json') nothing() {
    return undefined;
  }
  @expose() notModified() {
    response.status = 304;
    response.contentType = 'text/plain';
    return '';
  }
  @expose('json') nothingAtAll() {
    return null;
  }
}

describeAdapters('stage 14: empty body', ({ client }) => {
  it('answers 204 without a Content-Type for a 200 with no body', async () => {
    const c = await client(makeApp(new Root()));
    const answer = await c.get('/nothing');
    expect(answer.status).toBe(204);
    expect(answer.contentType).toBeNull();
    expect(answer.text).toBe('');
  });

  it('drops the Content-Type of a 304', async () => {
    const c = await client(makeApp(new Root()));
    const answer = await c.get('/notModified');
    expect(answer.status).toBe(304);
    expect(answer.contentType).toBeNull();
  });

  it('sends JSON null for null (DESIGN §4: only undefined is empty)', async () => {
    const c = await client(makeApp(new Root()));
    const answer = await c.get('/nothingAtAll');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('null');
  });
});

/**
 * Issue 13: `@expose({ contentType: null })` with no extension to guess from answers
 * `text/html`, as Pecan (WebOb's default type), on both entry points alike.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, response } from '../../src/index.js';

class Root {
  @expose({ contentType: null }) any() {
    return '<p>hi</p>';
  }
  @expose({ contentType: null }) bytes() {
    return new TextEncoder().encode('raw');
  }
  @expose({ contentType: null }) nothing() {
    return '';
  }
  @expose({ contentType: null }) own() {
    response.headers.set('Content-Type', 'text/csv');
    return 'a,b';
  }
}

describeAdapters('contentType: null', ({ client }) => {
  it('answers text/html when nothing chose a type', async () => {
    const c = await client(makeApp(new Root()));
    for (const path of ['/any', '/bytes']) {
      const r = await c.get(path);
      expect(r.status).toBe(200);
      expect(r.contentType).toBe('text/html; charset=UTF-8');
    }
    const browser = await c.get('/any', { headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(browser.contentType).toBe('text/html; charset=UTF-8');
  });

  it('keeps the type guessed from the extension, or set by the controller', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/any.txt')).contentType).toBe('text/plain; charset=UTF-8');
    expect((await c.get('/own')).contentType).toBe('text/csv');
  });

  it('sends no type with no body', async () => {
    const c = await client(makeApp(new Root()));
    const r = await c.get('/nothing');
    expect(r.status).toBe(204);
    expect(r.contentType).toBeNull();
  });
});

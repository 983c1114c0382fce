/** Stage 7 of docs/lifecycle.md: the extension's type must be offered; else Accept (§3.3–3.4). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose('json') data() {
    return { n: 1 };
  }
}

describeAdapters('stage 7: negotiate', ({ client }) => {
  it('answers 404 for an extension whose type the controller does not offer', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/data.json')).json).toEqual({ n: 1 });
    expect((await c.get('/data.html')).status).toBe(404);
  });

  it('answers 406 when nothing offered fits the Accept header', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/data', { headers: { Accept: 'application/json' } })).status).toBe(200);
    expect((await c.get('/data', { headers: { Accept: 'image/png' } })).status).toBe(406);
  });
});

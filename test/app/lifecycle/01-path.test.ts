/** Stage 1 of docs/lifecycle.md: the routing path — below `basePath`, percent-decoded. */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp, request } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose() where() {
    return `${request.path} ${request.pecan.routingPath}`;
  }
  @expose() echo(word: string) {
    return word;
  }
}

describeAdapters('stage 1: path', ({ client }) => {
  it('routes below the mount point, and 404s outside it', async () => {
    const c = await client(makeApp(new Root(), { basePath: '/api', logger: quiet }));
    expect((await c.get('/api/where')).text).toBe('/where /where');
    expect((await c.get('/where')).status).toBe(404);
    expect((await c.get('/apiwhere')).status).toBe(404);
  });

  it('decodes the path as UTF-8, and answers 400 when it cannot', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/echo/caf%C3%A9')).text).toBe('café');
    expect((await c.get('/echo/%FF')).status).toBe(400);
  });
});

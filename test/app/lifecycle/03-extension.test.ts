/** Stage 3 of docs/lifecycle.md: a URL extension chooses the content type (§3.4). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp, request } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose({ template: 'json', contentType: 'application/json' })
  @expose({ contentType: 'text/plain' })
  report() {
    return request.pecan.contentType === 'application/json' ? { total: 3 } : 'total: 3';
  }
}

describeAdapters('stage 3: extension', ({ client }) => {
  it('strips a known extension, routes the rest, and presets its type', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const answer = await c.get('/report.json');
    expect(answer.json).toEqual({ total: 3 });
    expect(answer.contentType).toBe('application/json');
  });

  it('is off with guessContentTypeFromExt: false — the dotted name is the segment', async () => {
    const c = await client(makeApp(new Root(), { guessContentTypeFromExt: false, logger: quiet }));
    expect((await c.get('/report.json')).status).toBe(404);
  });
});

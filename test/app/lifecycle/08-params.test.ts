/** Stage 8 of docs/lifecycle.md: params from the query and the body (§2.1). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose('json') echo({ ...params }: Record<string, unknown>) {
    return params;
  }
}

describeAdapters('stage 8: params', ({ client }) => {
  it('merges the query with a JSON body read asynchronously; the pass resumes at stage 9', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const answer = await c.post('/echo?page=2', { json: { title: 'Dune' } });
    expect(answer.json).toEqual({ page: '2', title: 'Dune' });
  });

  it('reads a form body', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.post('/echo', { form: { a: '1' } })).json).toEqual({ a: '1' });
  });

  it('answers 413 beyond bodyLimit and 400 for malformed JSON (DESIGN §5.12)', async () => {
    const c = await client(makeApp(new Root(), { bodyLimit: 8, logger: quiet }));
    expect((await c.post('/echo', { json: { title: 'far too long' } })).status).toBe(413);
    const bad = await c.post('/echo', {
      body: '{"a":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
  });

  it('answers 400 for a form body that is not UTF-8, escaped or raw (issue 13)', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const raw = Buffer.concat([Buffer.from('a='), Buffer.from([0xff])]);
    for (const body of ['a=%ff', 'x=1&%fe=2', raw]) {
      const r = await c.post('/echo', { body, headers: form });
      expect(r.status).toBe(400);
      expect(r.text).toContain('Malformed form body');
    }
    expect((await c.post('/echo', { body: 'a=caf%C3%A9', headers: form })).json).toEqual({
      a: 'café',
    });
  });
});

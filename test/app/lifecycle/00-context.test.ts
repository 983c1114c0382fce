/** Stage 0 of docs/lifecycle.md: a request, a response and a state, bound as context locals. */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp, request, response, type PecanRequest } from '../../../src/index.js';
import type { PecanResponse } from '../../../src/index.js';

describeAdapters('stage 0: context', ({ client }) => {
  it('binds `request` and `response` to the request being handled, across awaits', async () => {
    class Root {
      @expose() async who() {
        await new Promise((resolve) => setTimeout(resolve, 1));
        response.headers.set('X-Path', request.path);
        return request.query['name'] as string;
      }
    }
    const c = await client(makeApp(new Root()));
    const [a, b] = await Promise.all([c.get('/who?name=ann'), c.get('/who?name=bob')]);
    expect([a.text, b.text]).toEqual(['ann', 'bob']);
    expect(a.headers.get('x-path')).toBe('/who');
  });

  it('passes (req, res) first in explicit mode (contextLocals: false)', async () => {
    class Root {
      @expose() echo(req: PecanRequest, res: PecanResponse, word: string) {
        res.headers.set('X-Method', req.method);
        return word;
      }
    }
    const c = await client(makeApp(new Root(), { contextLocals: false }));
    const answer = await c.get('/echo/hi');
    expect(answer.text).toBe('hi');
    expect(answer.headers.get('x-method')).toBe('GET');
  });
});

/** Stage 2 of docs/lifecycle.md: onRoute hooks, before dispatch; an async one resumes at 3. */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { PecanHook, expose, makeApp, type State } from '../../../src/index.js';

class Root {
  @expose('json') report() {
    return { ok: true };
  }
}

describeAdapters('stage 2: onRoute', ({ client }) => {
  it('runs before dispatch, and may choose the content type', async () => {
    class ForceJson extends PecanHook {
      override onRoute(state: State) {
        state.request.pecan.contentType = 'application/json';
      }
    }
    const c = await client(makeApp(new Root(), { hooks: [new ForceJson()] }));
    const answer = await c.get('/report', { headers: { Accept: 'text/html' } });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json');
  });

  it('an async onRoute hook: the pass resumes at stage 3 once it settles', async () => {
    const seen: string[] = [];
    class Slow extends PecanHook {
      override async onRoute(state: State) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(`onRoute ${state.controller === null ? 'before dispatch' : 'late'}`);
      }
      override before(state: State) {
        seen.push(`before ${state.request.pecan.extension}`);
      }
    }
    const c = await client(makeApp(new Root(), { hooks: [new Slow()] }));
    expect((await c.get('/report.json')).json).toEqual({ ok: true });
    expect(seen).toEqual(['onRoute before dispatch', 'before .json']);
  });
});

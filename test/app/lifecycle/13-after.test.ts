/** Stage 13 of docs/lifecycle.md: after hooks, in reverse priority, on success and failure. */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { PecanHook, abort, expose, makeApp, type State } from '../../../src/index.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose() ok() {
    return 'ok';
  }
  @expose() gone() {
    abort(410);
  }
}

class Stamp extends PecanHook {
  override async after(state: State) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    state.response.headers.set('X-Status', String(state.response.status));
  }
}

describeAdapters('stage 13: after', ({ client }) => {
  it('runs on success and on failure; headers it sets reach the client', async () => {
    const c = await client(makeApp(new Root(), { hooks: [new Stamp()], logger: quiet }));
    expect((await c.get('/ok')).headers.get('x-status')).toBe('200');
    expect((await c.get('/gone')).headers.get('x-status')).toBe('410');
    expect((await c.get('/missing')).headers.get('x-status')).toBe('404');
  });

  it('an after hook that fails turns the response into a 500', async () => {
    class Broken extends PecanHook {
      override after() {
        throw new Error('after failed');
      }
    }
    const c = await client(makeApp(new Root(), { hooks: [new Broken()], logger: quiet }));
    expect((await c.get('/ok')).status).toBe(500);
  });
});

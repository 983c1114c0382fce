/**
 * TransactionHook (§5.5) beyond the Python tests: async callbacks, redirect codes, `clear()`
 * after a failed commit, concurrent requests, `isTransactional` overrides, plain-call decorators.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger } from '../support/logger.js';
import {
  afterCommit,
  expose,
  makeApp,
  redirect,
  transactional,
  TransactionHook,
  type State,
} from '../../src/index.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A hook whose callbacks are async and record `<event>` into the calls of their request. */
function asyncHook(calls: string[], fail: string | null = null): TransactionHook {
  const gen = (event: string) => async () => {
    await pause(1);
    calls.push(event);
    if (event === fail) throw new Error(`${event} failed`);
  };
  return new TransactionHook(
    gen('start'),
    gen('start_ro'),
    gen('commit'),
    gen('rollback'),
    gen('clear'),
  );
}

const actions: string[] = [];

class Root {
  @expose() index() {
    return 'index';
  }
  @expose() moved(code: string) {
    redirect('/', { code: Number(code) });
  }
  @expose()
  @afterCommit(async () => {
    await pause(1);
    actions.push('after-commit');
  })
  audited() {
    return 'audited';
  }
}
describeAdapters('TransactionHook (§5.5)', ({ client }) => {
  it('awaits async callbacks and actions, in order', async () => {
    const calls: string[] = [];
    actions.length = 0;
    const c = await client(makeApp(new Root(), { hooks: [asyncHook(calls)] }));
    expect((await c.post('/audited')).text).toBe('audited');
    expect(calls).toEqual(['start', 'commit', 'clear']);
    expect(actions).toEqual(['after-commit']);
  });

  it('301, 303 and 307 roll back a POST; only 302 is ignored', async () => {
    const calls: string[] = [];
    const c = await client(makeApp(new Root(), { hooks: [asyncHook(calls)] }));
    for (const code of ['301', '303', '307']) {
      expect((await c.post(`/moved/${code}`)).status).toBe(Number(code));
      expect(calls.splice(0), code).toEqual(['start', 'rollback', 'clear']);
    }
    await c.post('/moved/302');
    expect(calls).toEqual(['start', 'commit', 'clear']);
  });

  it('HEAD is read-only like GET', async () => {
    const calls: string[] = [];
    const c = await client(makeApp(new Root(), { hooks: [asyncHook(calls)] }));
    expect((await c.head('/')).status).toBe(200);
    expect(calls).toEqual(['start_ro', 'clear']);
  });

  it('clear() still runs when commit() fails; the request is a logged 500', async () => {
    const calls: string[] = [];
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { hooks: [asyncHook(calls, 'commit')], logger }));
    expect((await c.post('/')).status).toBe(500);
    expect(calls).toEqual(['start', 'commit', 'clear']);
    const logged = logger.lines.filter((line) => line.level === 'error');
    expect((logged[0]!.details[0] as Error).message).toBe('commit failed');
  });

  it('clear() still runs when a synchronous commit() throws', async () => {
    const calls: string[] = [];
    const record = (event: string) => () => {
      calls.push(event);
    };
    const hook = new TransactionHook(
      record('start'),
      record('start_ro'),
      () => {
        calls.push('commit');
        throw new Error('disk full');
      },
      record('rollback'),
      record('clear'),
    );
    const c = await client(makeApp(new Root(), { hooks: [hook], logger: quiet }));
    expect((await c.post('/')).status).toBe(500);
    expect(calls).toEqual(['start', 'commit', 'clear']);
  });

  it('concurrent requests keep their own transaction state', async () => {
    const calls: string[] = [];
    class Slow {
      @expose() index(fail = '') {
        return pause(fail ? 5 : 15).then(() => {
          if (fail) throw new Error('boom');
          return 'ok';
        });
      }
    }
    const c = await client(makeApp(new Slow(), { hooks: [asyncHook(calls)], logger: quiet }));
    const [ok, failed] = await Promise.all([c.post('/'), c.post('/?fail=1')]);
    expect([ok.status, failed.status]).toEqual([200, 500]);
    expect(calls.filter((call) => call === 'commit')).toHaveLength(1);
    expect(calls.filter((call) => call === 'rollback')).toHaveLength(1);
    expect(calls.filter((call) => call === 'clear')).toHaveLength(2);
  });

  it('isTransactional() may be overridden', async () => {
    const calls: string[] = [];
    class Always extends TransactionHook {
      override isTransactional(_state: State) {
        return true;
      }
    }
    const record = (event: string) => () => {
      calls.push(event);
    };
    const hook = new Always(
      record('start'),
      record('start_ro'),
      record('commit'),
      record('rollback'),
      record('clear'),
    );
    const c = await client(makeApp(new Root(), { hooks: [hook] }));
    await c.get('/');
    expect(calls).toEqual(['start', 'commit', 'clear']);
  });

  it('the decorators also work as plain calls (JavaScript users)', async () => {
    const calls: string[] = [];
    class Plain {
      index() {
        return 'plain';
      }
    }
    expose()(Plain.prototype.index);
    transactional()(Plain);
    const record = (event: string) => () => {
      calls.push(event);
    };
    const hook = new TransactionHook(
      record('start'),
      record('start_ro'),
      record('commit'),
      record('rollback'),
      record('clear'),
    );
    const c = await client(makeApp(new Plain(), { hooks: [hook] }));
    await c.get('/');
    expect(calls).toEqual(['start_ro', 'clear', 'start', 'commit', 'clear']);
  });
});

it('TransactionHook refuses a callback that is not a function', () => {
  const noop = () => {};
  expect(() => new TransactionHook(noop, noop, noop, noop, 'clear' as never)).toThrow(
    /clear must be a function/,
  );
});

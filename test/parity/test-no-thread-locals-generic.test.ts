/**
 * Port of Python Pecan's pecan/tests/test_no_thread_locals.py TestGeneric: generic controllers
 * and their `@when` handlers in explicit mode (`contextLocals: false`) receive (req, res) and are
 * called on the controller instance, with no context local ever bound.
 */
import { contextLocals } from '../../src/core/context.js';
import { afterEach, expect, it, vi } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expose, makeApp, PecanResponse, when } from '../../src/index.js';
import { PecanRequest } from '../../src/core/request.js';
import { State } from '../../src/app/state.js';

/** Pecan's `assert isinstance(req, Request)` / `isinstance(resp, Response)`. */
function assertExplicit(req: unknown, res: unknown): void {
  if (!(req instanceof PecanRequest)) throw new TypeError('req is not a PecanRequest');
  if (!(res instanceof PecanResponse)) throw new TypeError('res is not a PecanResponse');
}

/**
 * Pecan's `mock.patch('threading.local', side_effect=AssertionError())`: count the requests
 * bound to the context locals.
 */
function watchContextLocals(): () => number {
  const run = vi.spyOn(contextLocals(), 'run');
  return () => run.mock.calls.filter(([store]) => store instanceof State).length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describeAdapters('test_no_thread_locals.py TestGeneric', ({ client }) => {
  class RootController {
    constructor(readonly unique: string) {}

    private check(req: PecanRequest, res: PecanResponse): void {
      if (this.constructor.name !== 'RootController') throw new Error('wrong this');
      assertExplicit(req, res);
      if (this.unique !== req.headers.get('X-Unique')) throw new Error('wrong instance');
    }

    @expose({ generic: true, template: 'json' }) index(req: PecanRequest, res: PecanResponse) {
      this.check(req, res);
      return { hello: 'world' };
    }

    @when('index', { method: 'POST', template: 'json' }) index_post(
      req: PecanRequest,
      res: PecanResponse,
    ) {
      this.check(req, res);
      return req.json;
    }

    @expose({ template: 'json' }) echo(req: PecanRequest, res: PecanResponse) {
      this.check(req, res);
      return req.json;
    }

    @expose({ template: 'json' }) extra(
      req: PecanRequest,
      res: PecanResponse,
      first: string,
      second: string,
    ) {
      this.check(req, res);
      return { first, second };
    }
  }

  /** Runs `body` against a fresh explicit-mode app and checks no context local was bound. */
  async function withoutLocals(
    body: (c: Awaited<ReturnType<typeof client>>, uniq: string) => Promise<void>,
  ) {
    const uniq = String(Date.now() / 1000);
    const bound = watchContextLocals();
    const c = await client(
      makeApp(new RootController(uniq), { contextLocals: false, logger: quiet }),
    );
    await body(c, uniq);
    expect(bound()).toBe(0);
  }

  it('test_generics_with_im_self_default', async () => {
    await withoutLocals(async (c, uniq) => {
      const r = await c.get('/', { headers: { 'X-Unique': uniq } });
      expect(r.status).toBe(200);
      expect((r.json as { hello: string }).hello).toBe('world');
    });
  });

  it('test_generics_with_im_self_with_method', async () => {
    await withoutLocals(async (c, uniq) => {
      const r = await c.post('/', { json: { foo: 'bar' }, headers: { 'X-Unique': uniq } });
      expect(r.status).toBe(200);
      expect((r.json as { foo: string }).foo).toBe('bar');
    });
  });

  it('test_generics_with_im_self_with_path', async () => {
    await withoutLocals(async (c, uniq) => {
      const r = await c.post('/echo/', { json: { foo: 'bar' }, headers: { 'X-Unique': uniq } });
      expect(r.status).toBe(200);
      expect((r.json as { foo: string }).foo).toBe('bar');
    });
  });

  it('test_generics_with_im_self_with_extra_args', async () => {
    await withoutLocals(async (c, uniq) => {
      const r = await c.get('/extra/123/456', { headers: { 'X-Unique': uniq } });
      expect(r.status).toBe(200);
      const json = r.json as { first: string; second: string };
      expect(json.first).toBe('123');
      expect(json.second).toBe('456');
    });
  });
});

/**
 * Public API type test: these lines must typecheck (tsc runs over test/), and the
 * `@ts-expect-error` lines must not. The runtime assertions keep the file honest too.
 */
import { expect, expectTypeOf, it } from 'vitest';
import {
  HTTPError,
  PecanHook,
  abort,
  expose,
  makeApp,
  redirect,
  request,
  response,
  when,
  type AppOptions,
  type NodeMiddleware,
  type PecanApp,
  type PecanHandler,
  type StaticFileSystem,
  type PecanRequest,
  type PecanResponse,
  type State,
} from '../../src/index.js';

class Root {
  @expose() index(): string {
    return 'x';
  }

  @expose('json') async data(id: string, { ...kw }: Record<string, unknown>): Promise<object> {
    return { id, kw };
  }

  @expose({ generic: true, template: 'json' }) thing() {
    return {};
  }

  @when('thing', { method: 'POST', template: 'json' }) createThing() {
    return {};
  }
}

it('makeApp returns a Node listener with fetch', () => {
  const app = makeApp(new Root(), { forceCanonical: true, bodyLimit: 10 } satisfies AppOptions);
  expectTypeOf(app).toExtend<PecanApp>();
  expectTypeOf(app.fetch).returns.toEqualTypeOf<Promise<Response>>();
  expect(typeof app).toBe('function');
  expect(app.length).toBe(2);
});

it('abort and redirect never return', () => {
  expectTypeOf(abort).returns.toBeNever();
  expectTypeOf(redirect).returns.toBeNever();
  expect(() => abort(404)).toThrow(HTTPError);
});

it('request and response are typed context locals', () => {
  expectTypeOf(request).toEqualTypeOf<PecanRequest>();
  expectTypeOf(response).toEqualTypeOf<PecanResponse>();
  expectTypeOf<ReturnType<PecanResponse['headers']['get']>>().toEqualTypeOf<string | null>();
});

it('hooks receive the state', () => {
  class Audit extends PecanHook {
    override before(state: State) {
      expectTypeOf(state.request).toEqualTypeOf<PecanRequest>();
    }
  }
  expect(new Audit().priority).toBe(100);
  // @ts-expect-error an unknown option is a type error
  makeApp(new Root(), { forceCanonicall: true });
});

it('the edge options are typed: wrapApp, middleware, serveStatic', () => {
  const wrapApp =
    (app: PecanHandler): PecanHandler =>
    (request) =>
      app(request);
  const middleware: NodeMiddleware = (_req, _res, next) => next();
  const fileSystem: StaticFileSystem = { find: () => Promise.resolve(null) };
  const options = {
    wrapApp,
    middleware: [middleware],
    serveStatic: { index: true, fileSystem },
  } satisfies AppOptions;
  expectTypeOf<PecanHandler>().returns.toEqualTypeOf<Promise<PecanResponse>>();
  expect(typeof makeApp(new Root(), options)).toBe('function');
  // @ts-expect-error a wrapper must return a handler
  expect(() => makeApp(new Root(), { wrapApp: () => 'not a handler' })).toThrow(TypeError);
});

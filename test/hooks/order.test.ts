/**
 * §5.3 beyond the Python tests: which errors reach `onError`, the first response wins, `after`
 * sees the response that will be sent, internal redirects, hooks that throw, async hooks.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger } from '../support/logger.js';
import {
  abort,
  expose,
  makeApp,
  PecanHook,
  PecanResponse,
  redirect,
  response,
  type State,
} from '../../src/index.js';

/** Records `<id>:<stage>` and, for errors, the status the error carries. */
class Tracer extends PecanHook {
  constructor(
    readonly trace: string[],
    readonly id: string,
    priority = 100,
  ) {
    super();
    this.priority = priority;
  }
  override onRoute() {
    this.trace.push(`${this.id}:onRoute`);
  }
  override before() {
    this.trace.push(`${this.id}:before`);
  }
  override after(state: State) {
    this.trace.push(`${this.id}:after(${state.response.status})`);
  }
  override onError(_state: State, error: unknown) {
    const status = (error as { status?: number }).status ?? 'plain';
    this.trace.push(`${this.id}:onError(${status})`);
  }
}

class Root {
  @expose() index() {
    return 'index';
  }
  @expose() forbidden() {
    abort(403);
  }
  @expose() moved() {
    redirect('/', { code: 301 });
  }
  @expose() internal() {
    redirect('/index', { internal: true });
  }
  @expose() broken() {
    throw new Error('broken');
  }
  sub = new (class Sub {
    @expose() index() {
      return 'sub';
    }
  })();
}

describeAdapters('hooks: which errors reach onError (§5.3)', ({ client }) => {
  const traced = async () => {
    const trace: string[] = [];
    const app = makeApp(new Root(), { hooks: [new Tracer(trace, 'a')], logger: quiet });
    return { trace, c: await client(app) };
  };

  it('a routing 404 runs onError, then after with the 404 response', async () => {
    const { trace, c } = await traced();
    expect((await c.get('/missing')).status).toBe(404);
    expect(trace).toEqual(['a:onRoute', 'a:onError(404)', 'a:after(404)']);
  });

  it('abort() in the controller runs onError with the HTTPError', async () => {
    const { trace, c } = await traced();
    expect((await c.get('/forbidden')).status).toBe(403);
    expect(trace).toEqual(['a:onRoute', 'a:before', 'a:onError(403)', 'a:after(403)']);
  });

  it('a redirect is an error for onError', async () => {
    const { trace, c } = await traced();
    expect((await c.get('/moved')).status).toBe(301);
    expect(trace).toEqual(['a:onRoute', 'a:before', 'a:onError(301)', 'a:after(301)']);
  });

  it('the canonical trailing-slash redirect is an error for onError', async () => {
    const { trace, c } = await traced();
    expect((await c.get('/sub')).status).toBe(302);
    expect(trace).toEqual(['a:onRoute', 'a:onError(302)', 'a:after(302)']);
  });

  it('an internal redirect is not: the first pass runs onRoute and before only', async () => {
    const { trace, c } = await traced();
    const r = await c.get('/internal');
    expect(r.text).toBe('index');
    expect(trace).toEqual(['a:onRoute', 'a:before', 'a:onRoute', 'a:before', 'a:after(200)']);
  });

  it('an unhandled error: onError, then after sees the 500 that will be sent', async () => {
    // DESIGN §4 state.response is the response that will be sent; Pecan showed its untouched 200.
    const { trace, c } = await traced();
    expect((await c.get('/broken')).status).toBe(500);
    expect(trace).toEqual(['a:onRoute', 'a:before', 'a:onError(plain)', 'a:after(500)']);
  });
});

describeAdapters('hooks: onError responses (§5.3)', ({ client }) => {
  class Answer extends PecanHook {
    constructor(
      readonly trace: string[],
      readonly id: string,
      readonly answer: () => unknown,
    ) {
      super();
    }
    override onError() {
      this.trace.push(this.id);
      return this.answer() as void;
    }
    override after(state: State) {
      this.trace.push(`after(${state.response.status})`);
    }
  }

  it('on a tie the later-registered hook runs first; its response wins and stops the rest', async () => {
    const trace: string[] = [];
    const hooks = [
      new Answer(trace, 'first', () => new PecanResponse('first', { status: 502 })),
      new Answer(trace, 'second', () => new PecanResponse('second', { status: 503 })),
    ];
    const c = await client(makeApp(new Root(), { hooks, logger: quiet }));
    const r = await c.get('/broken');
    expect(r.status).toBe(503);
    expect(r.text).toBe('second');
    expect(trace).toEqual(['second', 'after(503)', 'after(503)']);
  });

  it('a Fetch Response replaces an HTTP error, headers included', async () => {
    const trace: string[] = [];
    const fetchResponse = () =>
      new Response('{"reason":"nope"}', {
        status: 418,
        headers: { 'Content-Type': 'application/json', 'X-From': 'hook' },
      });
    const c = await client(makeApp(new Root(), { hooks: [new Answer(trace, 'h', fetchResponse)] }));
    const r = await c.get('/forbidden');
    expect(r.status).toBe(418);
    expect(r.headers.get('x-from')).toBe('hook');
    expect(r.json).toEqual({ reason: 'nope' });
  });

  it('a return value that is not a response is ignored and the next hook runs', async () => {
    const trace: string[] = [];
    const hooks = [
      new Answer(trace, 'answers', () => new PecanResponse('handled')),
      new Answer(trace, 'shrugs', () => 'not a response'),
    ];
    const c = await client(makeApp(new Root(), { hooks, logger: quiet }));
    const r = await c.get('/broken');
    expect(r.text).toBe('handled');
    expect(trace.slice(0, 2)).toEqual(['shrugs', 'answers']);
  });

  it('an async onError may resolve to the response', async () => {
    const trace: string[] = [];
    const later = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new PecanResponse('later', { status: 409 });
    };
    const c = await client(makeApp(new Root(), { hooks: [new Answer(trace, 'a', later)] }));
    const r = await c.get('/forbidden');
    expect([r.status, r.text]).toEqual([409, 'later']);
  });

  it('a response with an empty body from onError becomes a 204 (§7.9)', async () => {
    const trace: string[] = [];
    const empty = () => new PecanResponse();
    const c = await client(makeApp(new Root(), { hooks: [new Answer(trace, 'a', empty)] }));
    expect((await c.get('/forbidden')).status).toBe(204);
  });

  it('no error log when a hook answered a non-HTTP error', async () => {
    const logger = recordingLogger();
    const hooks = [new Answer([], 'a', () => new PecanResponse('ok'))];
    const c = await client(makeApp(new Root(), { hooks, logger }));
    expect((await c.get('/broken')).text).toBe('ok');
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});

describeAdapters('hooks that throw', ({ client }) => {
  class Throwing extends PecanHook {
    constructor(
      readonly trace: string[],
      readonly stage: 'before' | 'onError',
      readonly error: () => Error,
    ) {
      super();
    }
    override before() {
      if (this.stage === 'before') throw this.error();
    }
    override onError(_state: State, error: unknown) {
      this.trace.push(`onError(${(error as Error).message})`);
      if (this.stage === 'onError') throw this.error();
    }
    override after(state: State) {
      this.trace.push(`after(${state.response.status})`);
      state.response.headers.set('X-After', 'ran');
    }
  }

  it('abort() in a before hook becomes the response, and onError and after run', async () => {
    const trace: string[] = [];
    const hook = new Throwing(trace, 'before', () => {
      try {
        abort(401);
      } catch (error) {
        return error as Error;
      }
    });
    const c = await client(makeApp(new Root(), { hooks: [hook] }));
    const r = await c.get('/');
    expect(r.status).toBe(401);
    expect(r.headers.get('x-after')).toBe('ran');
    expect(trace).toEqual(['onError(401 Unauthorized)', 'after(401)']);
  });

  it('an onError hook that throws gives a logged 500, and the after hooks still run', async () => {
    const trace: string[] = [];
    const logger = recordingLogger();
    const hook = new Throwing(trace, 'onError', () => new Error('hook failed'));
    const c = await client(makeApp(new Root(), { hooks: [hook], logger }));
    const r = await c.get('/forbidden');
    expect(r.status).toBe(500);
    expect(r.headers.get('x-after')).toBe('ran');
    expect(trace).toEqual(['onError(403 Forbidden)', 'after(500)']);
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors.map((line) => (line.details[0] as Error).message)).toEqual(['hook failed']);
  });
});

describeAdapters('hooks: state and registration', ({ client }) => {
  it('state exposes the request, the response, the app, the controller, arguments and hooks', async () => {
    const seen: Record<string, unknown>[] = [];
    class Greeter {
      @expose() greet(name: string) {
        response.headers.set('X-Controller', 'set');
        return `hi ${name}`;
      }
    }
    class Inspect extends PecanHook {
      override before(state: State) {
        seen.push({
          path: state.request.path,
          app: state.app === made.app,
          controller: state.controller === Greeter.prototype.greet,
          args: state.arguments?.args,
          hooks: state.hooks,
        });
      }
      override after(state: State) {
        // The controller's `response` is the one hooks see (and send).
        seen.push({ response: state.response.headers.get('x-controller') });
      }
    }
    class Other extends PecanHook {
      override priority = 1;
    }
    const hooks = [new Inspect(), new Other()];
    const made = makeApp(new Greeter(), { hooks });
    const c = await client(made);
    expect((await c.get('/greet/ann')).text).toBe('hi ann');
    expect(seen).toEqual([
      {
        path: '/greet/ann',
        app: true,
        controller: true,
        args: ['ann'],
        hooks: [hooks[1], hooks[0]], // the real list, by priority (Pecan's was always empty)
      },
      { response: 'set' },
    ]);
  });

  it('app hooks may be given as a function returning the list (§5.2)', async () => {
    const trace: string[] = [];
    const c = await client(makeApp(new Root(), { hooks: () => [new Tracer(trace, 'f')] }));
    await c.get('/');
    expect(trace).toEqual(['f:onRoute', 'f:before', 'f:after(200)']);
  });

  it('concurrent requests each run their async hooks in order, never interleaved', async () => {
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    class Slow extends PecanHook {
      constructor(readonly id: string) {
        super();
      }
      trace(state: State) {
        return ((state.request.context.trace as string[] | undefined) ??= []);
      }
      override async onRoute(state: State) {
        await pause(Number(state.request.query.delay));
        this.trace(state).push(`${this.id}:onRoute`);
      }
      override async before(state: State) {
        await pause(Number(state.request.query.delay));
        this.trace(state).push(`${this.id}:before`);
      }
      override async after(state: State) {
        await pause(Number(state.request.query.delay));
        this.trace(state).push(`${this.id}:after`);
        state.response.headers.set('X-Trace', this.trace(state).join(' '));
      }
    }
    const c = await client(makeApp(new Root(), { hooks: [new Slow('a'), new Slow('b')] }));
    const delays = [9, 1, 5, 0, 7, 3];
    const replies = await Promise.all(delays.map((delay) => c.get(`/?delay=${delay}`)));
    for (const reply of replies) {
      expect(reply.headers.get('x-trace')).toBe(
        'a:onRoute b:onRoute a:before b:before b:after a:after',
      );
    }
  });

  it('a hook that is not a PecanHook is refused when the app is made', () => {
    const notAHook = { before() {} } as unknown as PecanHook;
    expect(() => makeApp(new Root(), { hooks: [notAHook] })).toThrow(TypeError);
  });
});

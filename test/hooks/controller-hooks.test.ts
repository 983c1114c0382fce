/**
 * Controller hooks (§5.4) as DESIGN §5.10 defines them: the `static hooks` of every controller
 * the dispatch walk passes through on the way to the endpoint — per mount, through `_lookup`,
 * never from a branch the walk backed out of — in a deterministic order.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger } from '../support/logger.js';
import { expose, HookController, makeApp, PecanHook, when, type State } from '../../src/index.js';

class Mark extends PecanHook {
  constructor(
    readonly trace: string[],
    readonly id: string,
    priority = 100,
  ) {
    super();
    this.priority = priority;
  }
  override before() {
    this.trace.push(`${this.id}:before`);
  }
  override after() {
    this.trace.push(`${this.id}:after`);
  }
  override onError(_state: State, error: unknown) {
    this.trace.push(`${this.id}:onError(${(error as { status?: number }).status})`);
  }
}

describeAdapters('controller hooks (§5.4, DESIGN §5.10)', ({ client }) => {
  it('apply per mount: the same class mounted elsewhere runs no hooks', async () => {
    // DESIGN §5.10: Pecan gives `/plain/` the hook too (hooks live on the shared functions).
    const trace: string[] = [];
    class Shared {
      @expose() index() {
        return 'shared';
      }
    }
    class Hooked extends HookController {
      static override hooks = [new Mark(trace, 'h')];
      inner = new Shared();
    }
    class Root {
      hooked = new Hooked();
      plain = new Shared();
    }
    const c = await client(makeApp(new Root()));
    expect((await c.get('/hooked/inner/')).text).toBe('shared');
    expect(trace.splice(0)).toEqual(['h:before', 'h:after']);
    expect((await c.get('/plain/')).text).toBe('shared');
    expect(trace).toEqual([]);
  });

  it('apply to controllers a _lookup returns, with their own hooks', async () => {
    // Pecan: controllers made at request time by _lookup get no controller hooks.
    const trace: string[] = [];
    class Item extends HookController {
      static override hooks = [new Mark(trace, 'item', 50)];
      constructor(readonly id: string) {
        super();
      }
      @expose() index() {
        return `item ${this.id}`;
      }
    }
    class Items extends HookController {
      static override hooks = [new Mark(trace, 'items')];
      @expose() _lookup(id: string, ...rest: string[]) {
        return [new Item(id), rest];
      }
    }
    const c = await client(makeApp({ items: new Items() }));
    expect((await c.get('/items/7/')).text).toBe('item 7');
    expect(trace).toEqual(['item:before', 'items:before', 'items:after', 'item:after']);
  });

  it('never come from a branch the walk backed out of to a _default', async () => {
    const trace: string[] = [];
    class Deep extends HookController {
      static override hooks = [new Mark(trace, 'deep')];
      @expose() known() {
        return 'known';
      }
    }
    class Top extends HookController {
      static override hooks = [new Mark(trace, 'top')];
      deep = new Deep();
      @expose() _default(...rest: string[]) {
        return `default ${rest.join('/')}`;
      }
    }
    const c = await client(makeApp({ top: new Top() }));
    expect((await c.get('/top/deep/unknown')).text).toBe('default deep/unknown');
    expect(trace.splice(0)).toEqual(['top:before', 'top:after']);
    expect((await c.get('/top/deep/known')).text).toBe('known');
    expect(trace).toEqual(['top:before', 'deep:before', 'deep:after', 'top:after']);
  });

  it('tie deterministically: outer controllers first, declaration order, then app hooks', async () => {
    const trace: string[] = [];
    class Inner extends HookController {
      static override hooks = [new Mark(trace, 'inner1'), new Mark(trace, 'inner2')];
      @expose() index() {
        return 'inner';
      }
    }
    class Outer extends HookController {
      static override hooks = [new Mark(trace, 'outer1'), new Mark(trace, 'outer2')];
      inner = new Inner();
    }
    const app = makeApp({ outer: new Outer() }, { hooks: [new Mark(trace, 'app')] });
    const c = await client(app);
    await c.get('/outer/inner/');
    const before = ['outer1', 'outer2', 'inner1', 'inner2', 'app'];
    expect(trace).toEqual([
      ...before.map((id) => `${id}:before`),
      ...before.reverse().map((id) => `${id}:after`),
    ]);
  });

  it('a subclass runs its own hooks, then its base classes’ (each instance once)', async () => {
    const trace: string[] = [];
    const shared = new Mark(trace, 'shared');
    class Base extends HookController {
      static override hooks = [new Mark(trace, 'base'), shared];
    }
    class Child extends Base {
      static override hooks = [shared, new Mark(trace, 'child')];
      @expose() index() {
        return 'child';
      }
    }
    const c = await client(makeApp({ child: new Child() }));
    await c.get('/child/');
    expect(trace.filter((line) => line.endsWith('before'))).toEqual([
      'shared:before',
      'child:before',
      'base:before',
    ]);
  });

  it('a hook instance given to the app and to a controller runs once', async () => {
    const trace: string[] = [];
    const both = new Mark(trace, 'both');
    class Sub extends HookController {
      static override hooks = [both];
      @expose() index() {
        return 'sub';
      }
    }
    const c = await client(makeApp({ sub: new Sub() }, { hooks: [both] }));
    await c.get('/sub/');
    expect(trace).toEqual(['both:before', 'both:after']);
  });

  it('a routing failure below a HookController runs the app hooks only (§5.3)', async () => {
    const trace: string[] = [];
    class Sub extends HookController {
      static override hooks = [new Mark(trace, 'sub')];
      @expose() index() {
        return 'sub';
      }
      @expose({ generic: true }) thing() {
        return 'thing';
      }
      @when('thing', { method: 'POST' }) thing_post() {
        return 'posted';
      }
    }
    const app = makeApp({ sub: new Sub() }, { hooks: [new Mark(trace, 'app')], logger: quiet });
    const c = await client(app);
    expect((await c.get('/sub/missing')).status).toBe(404);
    expect(trace.splice(0)).toEqual(['app:onError(404)', 'app:after']);
    // A @when handler reached by its own name is a routing 404 too (§3.5).
    expect((await c.get('/sub/thing_post')).status).toBe(404);
    expect(trace.splice(0)).toEqual(['app:onError(404)', 'app:after']);
    // Once the controller is known, an error runs both (reversed: on a tie the app's first).
    expect((await c.post('/sub/thing/extra')).status).toBe(404);
    expect(trace).toEqual(['app:onError(404)', 'sub:onError(404)', 'app:after', 'sub:after']);
  });

  it('a static hooks field on a class that is not a HookController counts (RestController, mixins)', async () => {
    const trace: string[] = [];
    class Base {}
    class Plain extends Base {
      static hooks = [new Mark(trace, 'plain')];
      @expose() index() {
        return 'plain';
      }
    }
    const c = await client(makeApp({ plain: new Plain() }));
    await c.get('/plain/');
    expect(trace).toEqual(['plain:before', 'plain:after']);
  });

  it('a HookController whose hooks are not PecanHooks is a logged error', async () => {
    class Broken extends HookController {
      static override hooks = [{ before() {} } as unknown as PecanHook];
      @expose() index() {
        return 'never';
      }
    }
    const logger = recordingLogger();
    const c = await client(makeApp({ broken: new Broken() }, { logger }));
    expect((await c.get('/broken/')).status).toBe(500);
    const [line] = logger.lines.filter((entry) => entry.level === 'error');
    expect(String(line!.details[0])).toContain('Broken.hooks must be a list of PecanHook');
  });
});

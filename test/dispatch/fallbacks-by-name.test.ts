/**
 * DESIGN §5.2 #2: `_default`, `_lookup` and `_route` are fallbacks, never endpoints by their own
 * name. `/x/_default` reaches `_default` as the fallback, with `_default` in its remainder.
 * (Pecan resolves them as attributes, §1.3: `/_lookup/5/` calls `_lookup` directly.)
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, RestController } from '../../src/index.js';

class Item {
  constructor(private readonly id: string) {}
  @expose() index() {
    return `item ${this.id}`;
  }
}

class WithDefault {
  @expose() _default(...rest: string[]) {
    return `default ${JSON.stringify(rest)}`;
  }
}

class WithLookup {
  @expose() _lookup(id: string, ...rest: string[]) {
    return [new Item(id), rest];
  }
}

class WithRoute {
  @expose() show(...rest: string[]) {
    return `routed ${JSON.stringify(rest)}`;
  }
  @expose() _route(args: string[]) {
    return [this.show, args];
  }
}

class NoFallback {
  @expose() index() {
    return 'plain';
  }
}

class Things extends RestController {
  @expose() getAll() {
    return 'all';
  }
  @expose() _default(...rest: string[]) {
    return `rest default ${JSON.stringify(rest)}`;
  }
}

class Root {
  d = new WithDefault();
  l = new WithLookup();
  n = new NoFallback();
  things = new Things();
  // A controller below a fallback: its own names are not segments either.
  @expose() _default(...rest: string[]) {
    return `root default ${JSON.stringify(rest)}`;
  }
}

describeAdapters('fallbacks are not reachable by their own name', ({ client }) => {
  it('reaches _default as the fallback, with its name as the remainder', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/d/_default')).text).toBe('default ["_default"]');
    expect((await c.get('/d/_default/a')).text).toBe('default ["_default","a"]');
    expect((await c.get('/d/_lookup/y')).text).toBe('default ["_lookup","y"]');
  });

  it('hands _lookup its name as the first segment', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/l/_lookup/')).text).toBe('item _lookup');
    expect((await c.get('/l/_default/')).text).toBe('item _default');
  });

  it('answers 404 where no fallback applies', async () => {
    const c = await client(makeApp({ n: new NoFallback(), l: new WithLookup() }));
    expect((await c.get('/n/_default')).status).toBe(404);
    expect((await c.get('/_lookup/5/')).status).toBe(404);
  });

  it('does the same below a RestController', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/things/_default')).text).toBe('rest default ["_default"]');
  });

  it('never calls _route by its name', async () => {
    const c = await client(makeApp({ r: new WithRoute(), n: new NoFallback() }));
    expect((await c.get('/r/_route')).text).toBe('routed ["_route"]');
    // From the parent, `_route` is no child either.
    const parent = await client(makeApp({ _route: new NoFallback(), n: new NoFallback() }));
    expect((await parent.get('/_route/')).status).toBe(404);
  });
});

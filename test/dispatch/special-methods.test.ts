// §1.2, §1.4–1.7: `index`, `_default`, `_lookup` and `_route` are found as attribute lookup
// finds them. Dispatch reads them from the class once, so these pin down the cases where the
// object itself decides: own properties (class fields), getters, and subclasses.
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Leaf {
  @expose() index() {
    return 'leaf';
  }
}

class FieldSpecials {
  index = expose()(() => 'field index');
  _default = expose()((...rest: string[]) => `field default ${rest.join('/')}`);
  _lookup = expose()((id: string, ...rest: string[]) =>
    id === 'leaf' ? [new Leaf(), rest] : undefined,
  );
}

class Shadowed {
  @expose() index() {
    return 'prototype index';
  }
}

class ShadowedByField extends Shadowed {
  override index = expose()(() => 'field wins');
}

class NotExposedInSubclass extends Shadowed {
  override index() {
    return 'not exposed';
  }
}

class MaybeIndex {
  constructor(withIndex: boolean) {
    if (withIndex) Object.defineProperty(this, 'index', { value: expose()(() => 'own index') });
  }

  @expose() other() {
    return 'other';
  }
}

let flips = 0;
const first = expose()(() => 'first');
const second = expose()(() => 'second');

class GetterIndex {
  get index(): unknown {
    flips++;
    return flips % 2 === 1 ? first : second;
  }
}

class FieldRoute {
  _route = expose()((remainder: string[]) => [expose()(() => `routed ${remainder.join('/')}`), []]);
}

class Root {
  fields = new FieldSpecials();
  shadowed = new ShadowedByField();
  plain = new NotExposedInSubclass();
  with = new MaybeIndex(true);
  without = new MaybeIndex(false);
  getter = new GetterIndex();
  route = new FieldRoute();
}

const app = () => makeApp(new Root(), { logger: quiet });

describeAdapters('dispatch: special methods', ({ client }) => {
  it('an exposed class field serves as index', async () => {
    const c = await client(app());
    expect((await c.get('/fields/')).text).toBe('field index');
  });

  it('exposed class fields serve as _default and _lookup', async () => {
    const c = await client(app());
    expect((await c.get('/fields/leaf/')).text).toBe('leaf');
    expect((await c.get('/fields/other')).text).toBe('field default other');
  });

  it('an exposed class field serves as _route', async () => {
    const c = await client(app());
    expect((await c.get('/route/a/b')).text).toBe('routed a/b');
  });

  it("a class field shadows the prototype's index", async () => {
    const c = await client(app());
    expect((await c.get('/shadowed/')).text).toBe('field wins');
  });

  it("a subclass's method that is not exposed hides its parent's index", async () => {
    const c = await client(app());
    expect((await c.get('/plain/')).status).toBe(404);
  });

  it('instances of one class answer by their own properties', async () => {
    const c = await client(app());
    expect((await c.get('/with/')).text).toBe('own index');
    expect((await c.get('/without/')).status).toBe(404);
    expect((await c.get('/without/other')).text).toBe('other');
  });

  it('an index getter is read on every request', async () => {
    const c = await client(app());
    const answers = [(await c.get('/getter/')).text, (await c.get('/getter/')).text];
    expect(answers.sort()).toEqual(['first', 'second']);
  });
});

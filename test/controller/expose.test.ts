import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, when } from '../../src/index.js';

// A method whose source cannot be read (native code) stands in for minified or bound code.
const unreadable = Math.max;

describeAdapters('@expose forms', ({ client }) => {
  it('works bare, without parentheses', async () => {
    class Root {
      @expose index() {
        return 'bare';
      }
    }
    expect((await (await client(makeApp(new Root()))).get('/')).text).toBe('bare');
  });

  it('works as a plain function call on a function', async () => {
    const root = {
      index: expose()(() => 'plain js'),
      hello: expose('json')((name: string) => ({ name })),
    };
    const c = await client(makeApp(root));
    expect((await c.get('/')).text).toBe('plain js');
    expect((await c.get('/hello/ann')).json).toEqual({ name: 'ann' });
  });

  it('binds by the explicit args list when names are mangled', async () => {
    const root = {
      // As a minifier would leave it: the names say nothing.
      item: expose({ template: 'json', args: ['id', 'page?', '{}'] })(
        (a: string, b = '1', c: object = {}) => ({ a, b, c }),
      ),
      files: expose({ template: 'json', args: ['...rest'] })((...x: string[]) => x),
    };
    const c = await client(makeApp(root));
    expect((await c.get('/item/7?page=2&q=x')).json).toEqual({ a: '7', b: '2', c: { q: 'x' } });
    expect((await c.get('/item?id=8')).json).toEqual({ a: '8', b: '1', c: {} });
    expect((await c.get('/files/a/b')).json).toEqual(['a', 'b']);
  });

  it('offers a plain-function generic with when(fn, …)', async () => {
    const thing = expose({ generic: true })(() => 'default');
    const root = { thing, post: when(thing, { method: 'post' })(() => 'posted') };
    const c = await client(makeApp(root));
    expect((await c.get('/thing')).text).toBe('default');
    expect((await c.post('/thing')).text).toBe('posted');
    expect((await c.get('/post')).status).toBe(404);
  });
});

it('refuses an unreadable signature at decoration time, naming the method', () => {
  expect(() => expose()(unreadable)).toThrow(/max/);
  expect(() => expose()(unreadable)).toThrow(/args/);
});

it('refuses generic special methods and routes on them', () => {
  expect(() => {
    class Root {
      @expose({ generic: true }) _lookup() {}
    }
    return Root;
  }).toThrow(/_lookup cannot be a generic controller/);
  expect(() => {
    class Root {
      @expose({ route: 'x' }) _default() {}
    }
    return Root;
  }).toThrow(/_default cannot have a custom route/);
});

it('requires a method for when()', () => {
  expect(() => when('x', { method: '' })).toThrow(TypeError);
});

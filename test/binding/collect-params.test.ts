// §2.1: the params of a POST are the query merged with a JSON object or form body. Without a
// query they are the body alone: still a fresh null-prototype object, never the body itself.
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, request } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Root {
  @expose('json') named(constructor: string, toString = 'default') {
    return { constructor, toString };
  }

  @expose('json') inspect() {
    const params = request.params;
    return {
      prototype: Object.getPrototypeOf(params) === null,
      same: params === request.json,
      keys: Object.keys(params),
    };
  }

  @expose('json') kw({ ...rest }: Record<string, unknown>) {
    return rest;
  }
}

const app = () => makeApp(new Root(), { logger: quiet });

describeAdapters('collectParams: a body without a query', ({ client }) => {
  it('does not fill a parameter named after an Object.prototype member from a JSON body', async () => {
    const c = await client(app());
    const missing = await c.post('/named', { json: { other: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('"constructor"');
    expect((await c.post('/named', { json: { constructor: 'c' } })).json).toEqual({
      constructor: 'c',
      toString: 'default',
    });
  });

  it('gives params of their own, with a null prototype, in body order', async () => {
    const c = await client(app());
    const r = await c.post('/inspect', { json: { b: 1, a: 2 } });
    expect(r.json).toEqual({ prototype: true, same: false, keys: ['b', 'a'] });
  });

  it('binds a JSON __proto__ key as plain data', async () => {
    const c = await client(app());
    const r = await c.post('/kw', {
      body: '{"__proto__": {"x": 1}, "y": 2}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.json).toEqual({ ['__proto__']: { x: 1 }, y: 2 });
    expect(Object.keys(r.json as object)).toEqual(['__proto__', 'y']);
  });

  it('takes form fields as they are, repeated names as lists', async () => {
    const c = await client(app());
    const r = await c.post('/kw', { form: { a: ['1', '2'], b: '3' } });
    expect(r.json).toEqual({ a: ['1', '2'], b: '3' });
  });

  it('still merges a query with the body, query first', async () => {
    const c = await client(app());
    const r = await c.post('/kw?a=q', { json: { a: 'b', c: 1 } });
    expect(r.json).toEqual({ a: ['q', 'b'], c: 1 });
  });
});

/** Stage 8 of docs/lifecycle.md: params from the query and the body (§2.1). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import {
  PecanHook,
  PecanResponse,
  expose,
  makeApp,
  type StandardSchemaV1,
  type State,
} from '../../../src/index.js';
import { PecanRequest } from '../../../src/core/request.js';
import { handle } from '../../../src/app/lifecycle.js';
import { quiet } from '../../support/logger.js';

class Root {
  @expose('json') echo({ ...params }: Record<string, unknown>) {
    return params;
  }
}

describeAdapters('stage 8: params', ({ client }) => {
  it('merges the query with a JSON body read asynchronously; the pass resumes at stage 9', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const answer = await c.post('/echo?page=2', { json: { title: 'Dune' } });
    expect(answer.json).toEqual({ page: '2', title: 'Dune' });
  });

  it('reads a form body', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.post('/echo', { form: { a: '1' } })).json).toEqual({ a: '1' });
  });

  it('answers 413 beyond bodyLimit and 400 for malformed JSON (DESIGN §5.12)', async () => {
    const c = await client(makeApp(new Root(), { bodyLimit: 8, logger: quiet }));
    expect((await c.post('/echo', { json: { title: 'far too long' } })).status).toBe(413);
    const bad = await c.post('/echo', {
      body: '{"a":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
  });

  it('answers 400 for a form body that is not UTF-8, escaped or raw (issue 13)', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const raw = Buffer.concat([Buffer.from('a='), Buffer.from([0xff])]);
    for (const body of ['a=%ff', 'x=1&%fe=2', raw]) {
      const r = await c.post('/echo', { body, headers: form });
      expect(r.status).toBe(400);
      expect(r.text).toContain('Malformed form body');
    }
    expect((await c.post('/echo', { body: 'a=caf%C3%A9', headers: form })).json).toEqual({
      a: 'café',
    });
  });

  it('caps a JSON body by keys and depth, configurably (issue 13)', async () => {
    const json = { 'Content-Type': 'application/json' };
    const deep = '['.repeat(40) + ']'.repeat(40);
    const wide = JSON.stringify(
      Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, i])),
    );
    const c = await client(makeApp(new Root(), { logger: quiet, bodyLimit: 1 << 20 }));
    const tooDeep = await c.post('/echo', { body: `{"a":${deep}}`, headers: json });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.text).toContain('too deeply nested');
    const tooWide = await c.post('/echo', { body: wide, headers: json });
    expect(tooWide.status).toBe(400);
    expect(tooWide.text).toContain('too many keys');
    // Deep arrays of objects count every object's keys; within the caps all is well.
    expect((await c.post('/echo', { json: { a: [[{ b: { c: 1 } }]] } })).status).toBe(200);

    const strict = await client(
      makeApp(new Root(), { logger: quiet, jsonLimits: { maxKeys: 3, maxDepth: 2 } }),
    );
    expect((await strict.post('/echo', { json: { a: { b: 1 } } })).status).toBe(200);
    expect((await strict.post('/echo', { json: { a: { b: { c: 1 } } } })).status).toBe(400);
    expect((await strict.post('/echo', { json: { a: 1, b: 2, c: 3, d: 4 } })).status).toBe(400);
  });
});

it('refuses jsonLimits that are not positive integers', () => {
  expect(() => makeApp(new Root(), { jsonLimits: { maxDepth: 0 } })).toThrow(
    /jsonLimits\.maxDepth/,
  );
});

// docs/typed-apis.md: the schemas run in this stage, after the params are read.
function schema(validate: (value: unknown) => unknown): StandardSchemaV1 {
  return {
    '~standard': { version: 1, vendor: 'test', validate } as StandardSchemaV1['~standard'],
  };
}
const pageSync = schema((value) => {
  const page = Number((value as { page?: string }).page ?? '1');
  return Number.isInteger(page)
    ? { value: { page } }
    : { issues: [{ message: 'not an integer', path: ['page'] }] };
});
const pageAsync = schema((value) => Promise.resolve(pageSync['~standard'].validate(value)));

class Validated {
  @expose({ template: 'json', schema: { query: pageSync } }) sync(page: number) {
    return { page };
  }

  @expose({ template: 'json', schema: { query: pageAsync } }) async(page: number) {
    return { page };
  }
}

function get(path: string, queryString: string): PecanRequest {
  return new PecanRequest({
    method: 'GET',
    origin: 'http://example.com',
    rawPath: path,
    queryString,
    scriptName: '',
    headers: { get: () => null, has: () => false, forEach: () => {} },
  });
}

it('a synchronous schema keeps the pass synchronous (DESIGN §3: no await)', () => {
  const app = makeApp(new Validated(), { logger: quiet }).app;
  const answer = handle(app, get('/sync', 'page=3'), null);
  expect(answer).toBeInstanceOf(PecanResponse);
  expect((answer as PecanResponse).status).toBe(200);
  const invalid = handle(app, get('/sync', 'page=x'), null);
  expect((invalid as PecanResponse).status).toBe(400);
});

describeAdapters('stage 8: schemas', ({ client }) => {
  it('an asynchronous schema pauses the pass, which resumes at stage 9', async () => {
    const seen: unknown[] = [];
    class Watch extends PecanHook {
      override before(state: State) {
        seen.push(state.arguments?.args);
      }
    }
    const c = await client(makeApp(new Validated(), { logger: quiet, hooks: [new Watch()] }));
    expect((await c.get('/async?page=4')).json).toEqual({ page: 4 });
    expect(seen).toEqual([[4]]);
    expect((await c.get('/async?page=x')).status).toBe(400);
    expect(seen).toHaveLength(1); // the 400 stops the request before stage 9
  });
});

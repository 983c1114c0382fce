import { describe, expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { quiet, recordingLogger } from '../../support/logger.js';
import {
  expose,
  makeApp,
  PecanHook,
  request,
  type State,
  type EndpointSchema,
  type FieldError,
} from '../../../src/index.js';
import { asyncUniqueName, validators, zodSchemas } from './schemas.js';

const JSON_ACCEPT = { accept: 'application/json' };

for (const [name, s] of validators) {
  describeAdapters(`schemas on plain methods (${name})`, ({ client }) => {
    class Root {
      @expose({ template: 'json', schema: { query: s.listQuery } })
      list(page: number, tag?: string[]) {
        return { page, tag: tag ?? null, valid: request.valid!.query };
      }

      @expose({ template: 'json', schema: { path: s.idPath, query: s.searchQuery } })
      item(id: number, q: string) {
        return { id, q };
      }

      @expose({ template: 'json', schema: { body: s.bookBody } })
      create({ ...fields }: Record<string, unknown>) {
        return { fields, body: request.valid!.body };
      }

      @expose({ template: 'json', schema: { body: s.flagBody } })
      toggle(flag: boolean) {
        return { flag };
      }

      @expose({ template: 'json', schema: { response: s.bookResponse } })
      book(kind: string) {
        return kind === 'good' ? { id: 1, name: 'Dune' } : { id: '1', title: 'Dune' };
      }

      @expose({ template: 'json', schema: { response: s.bookResponse } })
      async later(kind: string) {
        await Promise.resolve();
        return kind === 'good' ? { id: 1, name: 'Dune' } : { id: 1 };
      }
    }

    it('coerces query strings: numbers, arrays from one or repeated keys, defaults', async () => {
      const c = await client(makeApp(new Root()));
      expect((await c.get('/list?page=2&tag=a&tag=b')).json).toEqual({
        page: 2,
        tag: ['a', 'b'],
        valid: { page: 2, tag: ['a', 'b'] },
      });
      expect((await c.get('/list?tag=solo')).json).toMatchObject({ page: 1, tag: ['solo'] });
      expect((await c.get('/list')).json).toMatchObject({ page: 1, tag: null });
    });

    it('answers invalid query values with a 400 listing each field', async () => {
      const c = await client(makeApp(new Root()));
      const res = await c.get('/list?page=x', { headers: JSON_ACCEPT });
      expect(res.status).toBe(400);
      const body = res.json as { code: number; errors: FieldError[] };
      expect(body.code).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ location: 'query', path: ['page'] });
      expect(body.errors[0]!.message).not.toBe('');
      const zero = await c.get('/list?page=0', { headers: JSON_ACCEPT });
      expect((zero.json as { errors: FieldError[] }).errors[0]!.path).toEqual(['page']);
    });

    it('follows pecan error bodies: plain text without Accept, one field per clause', async () => {
      const c = await client(makeApp(new Root()));
      const res = await c.get('/list?page=x');
      expect(res.status).toBe(400);
      expect(res.contentType).toBe('text/plain; charset=UTF-8');
      expect(res.text).toMatch(/^400 Bad Request\n/);
      expect(res.text).toContain('Validation failed: query.page: ');
    });

    it('validates path segments into the positional parameters', async () => {
      const c = await client(makeApp(new Root()));
      expect((await c.get('/item/42?q=dune')).json).toEqual({ id: 42, q: 'dune' });
      const bad = await c.get('/item/forty?q=dune', { headers: JSON_ACCEPT });
      expect(bad.status).toBe(400);
      expect((bad.json as { errors: FieldError[] }).errors).toEqual([
        expect.objectContaining({ location: 'path', path: ['id'] }),
      ]);
    });

    it('reports path and query failures together', async () => {
      const c = await client(makeApp(new Root()));
      const bad = await c.get('/item/forty', { headers: JSON_ACCEPT });
      const errors = (bad.json as { errors: FieldError[] }).errors;
      expect(errors.map((e) => `${e.location}:${e.path.join('.')}`)).toEqual([
        'path:id',
        'query:q',
      ]);
    });

    it('validates a JSON body; fields the schema does not know never reach the controller', async () => {
      const c = await client(makeApp(new Root()));
      const res = await c.post('/create', { json: { name: 'Dune', count: 3, admin: true } });
      expect(res.json).toEqual({
        fields: { name: 'Dune', count: 3, draft: false },
        body: { name: 'Dune', count: 3, draft: false },
      });
    });

    it('answers an invalid or missing body with a 400 located in the body', async () => {
      const c = await client(makeApp(new Root()));
      const bad = await c.post('/create', {
        json: { name: '', count: 1.5 },
        headers: JSON_ACCEPT,
      });
      expect(bad.status).toBe(400);
      const errors = (bad.json as { errors: FieldError[] }).errors;
      expect(errors.map((e) => `${e.location}:${e.path.join('.')}`).sort()).toEqual([
        'body:count',
        'body:name',
      ]);
      const none = await c.post('/create', { headers: JSON_ACCEPT });
      expect(none.status).toBe(400);
      expect((none.json as { errors: FieldError[] }).errors[0]!.location).toBe('body');
      const array = await c.post('/create', { json: [1], headers: JSON_ACCEPT });
      expect(array.status).toBe(400);
    });

    it('validates form fields and coerces a boolean', async () => {
      const c = await client(makeApp(new Root()));
      expect((await c.post('/toggle', { form: { flag: 'true' } })).json).toEqual({ flag: true });
      expect((await c.post('/toggle', { form: { flag: 'false' } })).json).toEqual({ flag: false });
      expect((await c.post('/toggle', { form: { flag: 'maybe' } })).status).toBe(400);
    });

    it('checks responses in test mode: a mismatch is a 500 logged with its path', async () => {
      const logger = recordingLogger();
      const c = await client(makeApp(new Root(), { logger }));
      expect((await c.get('/book/good')).json).toEqual({ id: 1, name: 'Dune' });
      const bad = await c.get('/book/bad');
      expect(bad.status).toBe(500);
      const logged = JSON.stringify(logger.lines.map((l) => [l.message, String(l.details[0])]));
      expect(logged).toContain('Root.book returned a response that does not match its schema');
      expect(logged).toMatch(/id: /);
      expect(logged).toMatch(/name: /);
      expect((await c.get('/later/good')).status).toBe(200);
      expect((await c.get('/later/bad')).status).toBe(500);
    });

    it('skips response checks when checkResponses is off (production)', async () => {
      const c = await client(makeApp(new Root(), { checkResponses: false, logger: quiet }));
      expect((await c.get('/book/bad')).json).toEqual({ id: '1', title: 'Dune' });
    });
  });
}

describeAdapters('asynchronous validators', ({ client }) => {
  class Root {
    @expose({ template: 'json', schema: { body: asyncUniqueName('taken') } })
    register(name: string) {
      return { name };
    }
  }

  it('waits for an async validator and uses its output', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.post('/register', { json: { name: 'ann' } })).json).toEqual({ name: 'ANN' });
    const res = await c.post('/register', { json: { name: 'taken' }, headers: JSON_ACCEPT });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      errors: [{ location: 'body', path: ['name'], message: 'Taken' }],
    });
  });
});

describeAdapters('params when validation fails', ({ client }) => {
  // What the hooks of a request that failed validation see: the raw query merged with the raw
  // body (§2.1), as for any other request; pecan builds that merge only when it is needed.
  class Seen extends PecanHook {
    readonly params: unknown[] = [];
    override onError(state: State) {
      this.params.push({ ...state.request.params });
    }
  }
  class Root {
    @expose({ template: 'json', schema: { body: asyncUniqueName('taken') } })
    register(name: string) {
      return { name };
    }

    @expose({ template: 'json', schema: { query: zodSchemas.listQuery } })
    list(page: number) {
      return { page };
    }
  }

  it('hands hooks the query merged with the body, for sync and async validators', async () => {
    const seen = new Seen();
    const c = await client(makeApp(new Root(), { hooks: [seen] }));
    const late = await c.post('/register?from=q', { json: { name: 'taken', n: 1 } });
    expect(late.status).toBe(400);
    const sync = await c.post('/list?page=x', { json: { page: 2, other: 'b' } });
    expect(sync.status).toBe(400);
    const form = await c.post('/list?page=x', { form: { extra: 'f' } });
    expect(form.status).toBe(400);
    expect(seen.params).toEqual([
      { from: 'q', name: 'taken', n: 1 },
      { page: ['x', 2], other: 'b' },
      { page: 'x', extra: 'f' },
    ]);
    // The validated params replace them on success.
    expect((await c.post('/register?from=q', { json: { name: 'ann' } })).json).toEqual({
      name: 'ANN',
    });
  });
});

describe('checkResponses default', () => {
  it('is on in debug mode and under NODE_ENV=test, off otherwise', () => {
    const root = {};
    expect(makeApp(root, { logger: quiet }).app.checkResponses).toBe(true); // vitest: NODE_ENV=test
    const saved = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      expect(makeApp(root, { logger: quiet }).app.checkResponses).toBe(false);
      expect(makeApp(root, { debug: true, logger: quiet }).app.checkResponses).toBe(true);
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});

describe('schema declarations', () => {
  it('rejects a schema that is not a Standard Schema, at decoration time', () => {
    expect(() =>
      expose({ schema: { query: {} } as unknown as EndpointSchema })(function list() {}),
    ).toThrow(expect.objectContaining({ code: 'PECAN_ERR_SCHEMA' }));
    expect(() =>
      expose({ schema: { querry: {} } as unknown as EndpointSchema })(function list() {}),
    ).toThrow(/schema\.querry/);
  });
});

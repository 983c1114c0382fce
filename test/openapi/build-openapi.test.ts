import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  RestController,
  expose,
  makeApp,
  request,
  when,
  type OpenApiDocument,
  type OpenApiOperation,
  type StandardSchemaV1,
} from '../../src/index.js';
import { libraryApi, validatorCases } from './realistic-api.js';

async function expectValid(document: OpenApiDocument): Promise<void> {
  const result = await new Validator().validate(document as never);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
}

function op(document: OpenApiDocument, path: string, method: string): OpenApiOperation {
  const item = document.paths[path] as Record<string, OpenApiOperation> | undefined;
  const operation = item?.[method];
  if (operation === undefined)
    throw new Error(`no ${method} ${path} in ${Object.keys(document.paths).join(' ')}`);
  return operation;
}

for (const [name, schemas, converter] of validatorCases) {
  describe(`the OpenAPI document of a realistic API (${name})`, () => {
    const app = makeApp(libraryApi(schemas), {
      openapi: {
        title: 'Library',
        version: '2.1.0',
        toJsonSchema: converter,
        securitySchemes: { role: { type: 'apiKey', in: 'header', name: 'X-Role' } },
      },
    });
    const document = app.openapi();
    const pathType = name === 'zod' ? 'integer' : 'string';

    it('validates against the OpenAPI 3.1 schema', async () => {
      expect(document.openapi).toBe('3.1.0');
      expect(document.info).toEqual({ title: 'Library', version: '2.1.0' });
      await expectValid(document);
    });

    it('lists the RestController conventions: collection, item, custom actions, nested resources', () => {
      expect(Object.keys(document.paths['/books']!).sort()).toEqual(['get', 'post']);
      expect(Object.keys(document.paths['/books/{id}']!).sort()).toEqual(['delete', 'get', 'put']);
      expect(op(document, '/books/count', 'get')['x-pecan-handler']).toBe(
        'BooksController.getCount',
      );
      expect(op(document, '/books/{id}/publish', 'post')['x-pecan-handler']).toBe(
        'BooksController.postPublish',
      );
      const nested = op(document, '/books/{parent}/chapters/{id}', 'get');
      expect(nested.parameters!.map((p) => [p.name, p.in])).toEqual([
        ['parent', 'path'],
        ['id', 'path'],
      ]);
      // The schema the client sends: zod's coerced number, valibot's string before its transform.
      expect(nested.parameters![0]!.schema).toMatchObject({ type: pathType });
    });

    it('converts path, query, body and response schemas through the validator', () => {
      const getOne = op(document, '/books/{id}', 'get');
      expect(getOne.parameters).toEqual([
        expect.objectContaining({
          name: 'id',
          in: 'path',
          required: true,
          schema: expect.objectContaining({ type: pathType }),
        }),
      ]);
      expect(getOne.responses['200']).toMatchObject({
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { id: { type: 'number' }, name: { type: 'string' } },
            },
          },
        },
      });
      const list = op(document, '/books', 'get');
      expect(list.parameters!.map((p) => [p.name, p.in, p.required])).toEqual([
        ['page', 'query', false],
        ['tag', 'query', false],
      ]);
      const post = op(document, '/books', 'post');
      expect(post.requestBody).toMatchObject({
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', properties: { name: { type: 'string', minLength: 1 } } },
          },
        },
      });
      expect(op(document, '/search', 'get').parameters).toEqual([
        expect.objectContaining({ name: 'q', in: 'query', required: true }),
      ]);
    });

    it('describes the success status, content types and pecan error responses', () => {
      expect(Object.keys(op(document, '/books', 'post').responses)).toEqual(['201', '400']);
      expect(op(document, '/books/{id}', 'delete').responses['204']).toEqual({
        description: 'No Content',
      });
      expect(op(document, '/books/{id}', 'get').responses).toMatchObject({
        '400': { $ref: '#/components/responses/ValidationFailed' },
        '404': { $ref: '#/components/responses/NotFound' },
      });
      expect(op(document, '/', 'get').responses['200']).toMatchObject({
        content: { 'text/html': {} },
      });
      expect(op(document, '/health-check', 'get').responses['200']).toMatchObject({
        content: { 'application/json': {} },
      });
      const failed = document.components.responses.ValidationFailed!;
      expect(failed.content!['application/json']).toMatchObject({
        schema: { $ref: '#/components/schemas/ValidationError' },
        example: {
          code: 400,
          title: 'Bad Request',
          errors: [{ location: 'query', path: ['page'] }],
        },
      });
      expect(document.components.responses.MethodNotAllowed!.headers).toHaveProperty('Allow');
    });

    it('documents generic handlers per method, the default as GET', () => {
      expect(Object.keys(document.paths['/items']!).sort()).toEqual(['delete', 'get', 'post']);
      expect(op(document, '/items', 'post')['x-pecan-handler']).toBe('RootController.createItem');
      expect(op(document, '/items', 'post').requestBody).toBeDefined();
      expect(op(document, '/items', 'get')['x-pecan-handler']).toBe('RootController.items');
    });

    it('gives one path per prefix of optional positional parameters', () => {
      expect(op(document, '/hello', 'get').parameters).toEqual([
        { name: 'name', in: 'query', required: false, schema: { type: 'string' } },
      ]);
      expect(op(document, '/hello/{name}', 'get').parameters).toEqual([
        { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
      ]);
    });

    it('marks what security checks guard, with the declared requirement and a 401', () => {
      const stats = op(document, '/admin/stats', 'get');
      expect(stats.security).toEqual([{ role: [] }]);
      expect(stats.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
      expect(op(document, '/vault/secrets', 'get').security).toEqual([{ role: [] }]);
      expect(op(document, '/vault/hint', 'get').security).toBeUndefined();
      expect(op(document, '/books', 'get').security).toBeUndefined();
      expect(document.components.securitySchemes).toEqual({
        role: { type: 'apiKey', in: 'header', name: 'X-Role' },
      });
    });

    it('lists _lookup and _default under x-pecan-unlisted, not as paths', () => {
      expect(document['x-pecan-unlisted']).toEqual([
        { path: '/<id>/…', handler: 'RootController._lookup', kind: '_lookup' },
        { path: '/…', handler: 'RootController._default', kind: '_default' },
      ]);
    });

    it('gives every operation a unique, stable operationId and a tag', () => {
      const ids = Object.values(document.paths).flatMap((item) =>
        Object.values(item).map((o) => (o as OpenApiOperation).operationId),
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain('BooksController_getOne');
      expect(ids).toContain('RootController_hello__hello_name');
      expect(app.openapi()).toEqual(document);
      expect(document.tags!.map((t) => t.name)).toEqual([
        'Admin',
        'Books',
        'Chapters',
        'Root',
        'Vault',
      ]);
    });
  });
}

describe('the OpenAPI document: other cases', () => {
  it('uses a Standard JSON Schema export (~standard.jsonSchema) without a converter', async () => {
    const schema: StandardSchemaV1 & { '~standard': { jsonSchema: object } } = {
      '~standard': {
        version: 1,
        vendor: 'handmade',
        validate: (value) => ({ value }),
        jsonSchema: {
          input: ({ target }: { target: string }) => ({
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            type: 'object',
            properties: { q: { type: 'string', description: target } },
          }),
        },
      },
    };
    class Root {
      @expose({ template: 'json', schema: { query: schema } })
      find() {
        return request.valid!.query;
      }
    }
    const document = makeApp(new Root()).openapi();
    expect(op(document, '/find', 'get').parameters).toEqual([
      {
        name: 'q',
        in: 'query',
        required: false,
        schema: { type: 'string', description: 'draft-2020-12' },
      },
    ]);
    await expectValid(document);
  });

  it('says so in the schema when a validator exports no JSON Schema', () => {
    const opaque: StandardSchemaV1 = {
      '~standard': { version: 1, vendor: 'opaque', validate: (value) => ({ value }) },
    };
    class Root {
      @expose({ template: 'json', schema: { body: opaque } })
      save() {
        return null;
      }
    }
    const body = op(makeApp(new Root()).openapi(), '/save', 'post').requestBody!;
    expect(body.required).toBe(false);
    expect(body.content['application/json']!.schema).toEqual({
      description: expect.stringContaining('Validated by opaque, which exports no JSON Schema'),
    });
  });

  it('fails with the endpoint named when a converter throws', () => {
    class Root {
      @expose({ template: 'json', schema: { body: validatorCases[0]![1].bookBody } })
      save() {
        return null;
      }
    }
    const app = makeApp(new Root(), {
      openapi: {
        toJsonSchema: () => {
          throw new Error('cannot do dates');
        },
      },
    });
    expect(() => app.openapi()).toThrow(
      'OpenAPI: the body schema of Root.save cannot be turned into JSON Schema: cannot do dates',
    );
  });

  it('renames a path parameter that would repeat, and keeps one name per path shape', async () => {
    class Pages extends RestController {
      @expose('json') getOne(id: string) {
        return id;
      }
      @expose('json') put(pageId: string) {
        return pageId;
      }
    }
    class Meta {
      @expose('json') show(id: string) {
        return id;
      }
    }
    class Root {
      pages = Object.assign(new Pages(), { meta: new Meta() });
    }
    const document = makeApp(new Root()).openapi();
    expect(Object.keys(document.paths['/pages/{id}']!).sort()).toEqual(['get', 'put']);
    expect(op(document, '/pages/{id}', 'put').parameters!.map((p) => p.name)).toEqual(['id']);
    expect(document.paths['/pages/{id}/meta/show/{id2}']).toBeDefined();
    await expectValid(document);
  });

  it('puts basePath in servers, reads explicit mode, and leaves hidden endpoints out', async () => {
    class Root {
      @expose('json') item(_req: unknown, _res: unknown, id: string) {
        return id;
      }
      @expose({ template: 'json', openapi: { hidden: true } }) secret() {
        return 1;
      }
      @expose({ generic: true, template: 'json' }) thing() {
        return 1;
      }
      @when('thing', { method: 'PURGE' }) purge() {
        return 1;
      }
    }
    const document = makeApp(new Root(), { basePath: '/api', contextLocals: false }).openapi({
      description: 'Explicit',
    });
    expect(document.servers).toEqual([{ url: '/api' }]);
    expect(op(document, '/item/{id}', 'get').parameters!.map((p) => p.name)).toEqual(['id']);
    expect(document.paths['/secret']).toBeUndefined();
    expect(document['x-pecan-unlisted']).toEqual([
      { path: '/thing', handler: 'Root.purge', kind: 'PURGE' },
    ]);
    expect(document.info.description).toBe('Explicit');
    await expectValid(document);
  });

  it('documents only the paths below `include`', () => {
    const app = makeApp(libraryApi(validatorCases[0]![1]), {
      openapi: { include: ['/books', '/vault/'] },
    });
    const document = app.openapi();
    expect(
      Object.keys(document.paths).every((p) => p.startsWith('/books') || p.startsWith('/vault/')),
    ).toBe(true);
    expect(document.paths['/books/{id}']).toBeDefined();
    expect(document.paths['/vault/hint']).toBeDefined();
    expect(document.paths['/hello']).toBeUndefined();
    expect(document['x-pecan-unlisted']).toBeUndefined();
  });

  it('is a valid document for an app that exposes nothing', async () => {
    const document = makeApp({}).openapi();
    expect(document.paths).toEqual({});
    await expectValid(document);
  });
});

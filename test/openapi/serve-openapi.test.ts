import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { recordingLogger } from '../support/logger.js';
import { loadTestApp, resetGlobalConfig } from '../../src/testing/index.js';
import { expose, makeApp, type OpenApiDocument } from '../../src/index.js';
import { libraryApi, validatorCases } from './realistic-api.js';

const [, zodSchemas, zodConverter] = validatorCases[0]!;
const [, valibotSchemas, valibotConverter] = validatorCases[1]!;

describeAdapters('serving the OpenAPI document', ({ client }) => {
  it('is off by default: /openapi.json and /docs go to the app', async () => {
    const app = makeApp(libraryApi(zodSchemas), { openapi: { title: 'Library' } });
    const c = await client(app);
    expect((await c.get('/openapi.json', { headers: { accept: 'application/json' } })).status).toBe(
      404,
    );
    expect((await c.get('/docs')).status).toBe(404);
  });

  it('serves the document at /openapi.json with serve: true', async () => {
    const app = makeApp(libraryApi(valibotSchemas), {
      openapi: { serve: true, title: 'Library', version: '3.0.0', toJsonSchema: valibotConverter },
    });
    const res = await (await client(app)).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    const document = res.json as OpenApiDocument;
    expect(document.info).toEqual({ title: 'Library', version: '3.0.0' });
    expect(document).toEqual(JSON.parse(JSON.stringify(app.openapi())));
    expect(document.paths['/openapi.json']).toBeUndefined();
  });

  it('serves a self-contained documentation page at /docs', async () => {
    const app = makeApp(libraryApi(zodSchemas), {
      openapi: { serve: true, title: 'Library <API>', toJsonSchema: zodConverter },
    });
    const res = await (await client(app)).get('/docs');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/html; charset=UTF-8');
    expect(res.text).toContain('<title>Library &lt;API&gt; 0.0.0</title>');
    expect(res.text).toContain('<a href="/openapi.json">');
    expect(res.text).toContain('<code>/books/{id}</code> One book');
    expect(res.text).toContain('id="BooksController_getOne"');
    expect(res.text).toContain('RootController._lookup');
    // Nothing loaded from elsewhere: no script, no external stylesheet or image.
    expect(res.text).not.toMatch(/<script|<link|src=|https?:\/\/(?!json-schema)/);
  });

  it('answers HEAD without a body and other methods with a 405', async () => {
    const app = makeApp(libraryApi(zodSchemas), { openapi: { serve: true } });
    const c = await client(app);
    const head = await c.head('/openapi.json');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const post = await c.post('/openapi.json', { headers: { accept: 'application/json' } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.json).toEqual({ code: 405, title: 'Method Not Allowed', description: null });
  });

  it('serves at configured paths below basePath, and the app keeps the rest', async () => {
    const app = makeApp(libraryApi(zodSchemas), {
      basePath: '/api',
      openapi: { serve: true, jsonPath: '/spec.json', docsPath: '/reference' },
    });
    const c = await client(app);
    const spec = await c.get('/api/spec.json');
    expect((spec.json as OpenApiDocument).servers).toEqual([{ url: '/api' }]);
    expect((await c.get('/api/reference')).text).toContain('href="/api/spec.json"');
    expect(
      (await c.get('/api/openapi.json', { headers: { accept: 'application/json' } })).status,
    ).toBe(404);
    expect((await c.get('/api/health-check')).json).toEqual({ ok: true });
  });

  it('answers a 500 and logs when the document cannot be built', async () => {
    class Root {
      @expose({ template: 'json', schema: { body: zodSchemas.bookBody } })
      save() {
        return null;
      }
    }
    const logger = recordingLogger();
    const app = makeApp(new Root(), {
      logger,
      openapi: {
        serve: true,
        toJsonSchema: () => {
          throw new Error('no');
        },
      },
    });
    const res = await (await client(app)).get('/openapi.json');
    expect(res.status).toBe(500);
    expect(logger.lines.map((l) => l.message).join('\n')).toContain(
      'the OpenAPI document could not be built',
    );
  });
});

describeAdapters('serving the OpenAPI document from a config', ({ client }) => {
  it('reads app.openapi from the config', async () => {
    const testApp = await loadTestApp({
      app: { root: libraryApi(zodSchemas), openapi: { serve: true, title: 'From config' } },
    });
    const c = await client(testApp.app);
    const res = await c.get('/openapi.json');
    expect(res.status).toBe(200);
    expect((res.json as OpenApiDocument).info.title).toBe('From config');
    resetGlobalConfig();
  });
});

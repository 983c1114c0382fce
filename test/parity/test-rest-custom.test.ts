/**
 * Port of Python Pecan's pecan/tests/test_rest.py TestRestController, part 2: a controller
 * without methods, custom actions and custom DELETE, and a kwargs-only `post` (see
 * test-rest-basic.test.ts for the index of parts). Pecan's snake_case method names are
 * camelCase here (DESIGN §5.1).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { abort, expose, makeApp, RestController } from '../../src/index.js';
import { sendTrace } from './fixtures/rest-verbs.js';

describeAdapters('test_rest.py TestRestController', ({ adapter, client }) => {
  it('test_bad_rest', async () => {
    class ThingsController extends RestController {}

    class RootController {
      things = new ThingsController();
    }

    const app = makeApp(new RootController(), { logger: quiet });
    const c = await client(app);

    // test getAll
    let r = await c.get('/things');
    expect(r.status).toBe(405);
    // DESIGN §5.6: Pecan sends an empty `Allow:` for a controller without methods; none here.
    expect(r.headers.get('allow')).toBeNull();

    // test getOne
    r = await c.get('/things/1');
    expect(r.status).toBe(405);

    // test post
    r = await c.post('/things', { form: { value: 'one' } });
    expect(r.status).toBe(405);

    // test edit
    r = await c.get('/things/1/edit');
    expect(r.status).toBe(405);

    // test put
    r = await c.put('/things/1', { form: { value: 'ONE' } });
    expect(r.status).toBe(405);

    // test put with _method parameter and GET
    r = await c.get('/things/1?_method=put&value=ONE!');
    expect(r.status).toBe(405);

    // test put with _method parameter and POST
    r = await c.post('/things/1?_method=put', { form: { value: 'ONE!' } });
    expect(r.status).toBe(405);

    // test get delete
    r = await c.get('/things/1/delete');
    expect(r.status).toBe(405);

    // test delete
    r = await c.delete('/things/1');
    expect(r.status).toBe(405);

    // test delete with _method parameter and GET
    r = await c.get('/things/1?_method=DELETE');
    expect(r.status).toBe(405);

    // test delete with _method parameter and POST
    r = await c.post('/things/1?_method=DELETE');
    expect(r.status).toBe(405);

    // test "TRACE" custom action
    const trace = await sendTrace(adapter, app, c, '/things');
    expect(trace.status).toBe(405);
  });

  it('test_custom_with_trailing_slash', async () => {
    class CustomController extends RestController {
      customActions = {
        detail: ['GET'],
        create: ['POST'],
        update: ['PUT'],
        remove: ['DELETE'],
      };

      @expose() detail() {
        return 'DETAIL';
      }

      @expose() create() {
        return 'CREATE';
      }

      @expose() update(id: string) {
        return id;
      }

      @expose() remove(id: string) {
        return id;
      }
    }

    const c = await client(makeApp(new CustomController(), { logger: quiet }));

    for (const [method, path, body] of [
      ['GET', '/detail', 'DETAIL'],
      ['GET', '/detail/', 'DETAIL'],
      ['POST', '/create', 'CREATE'],
      ['POST', '/create/', 'CREATE'],
      ['PUT', '/update/123', '123'],
      ['PUT', '/update/123/', '123'],
      ['DELETE', '/remove/456', '456'],
      ['DELETE', '/remove/456/', '456'],
    ] as const) {
      const r = await c.request(path, { method });
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(r.text, `${method} ${path}`).toBe(body);
    }
  });

  it('test_custom_delete', async () => {
    class OthersController {
      @expose() index() {
        return 'DELETE';
      }

      @expose() reset(id: string) {
        return String(id);
      }
    }

    class ThingsController extends RestController {
      others = new OthersController();

      @expose() delete_fail() {
        abort(500);
      }
    }

    class RootController {
      things = new ThingsController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    // test bad delete
    let r = await c.delete('/things/delete_fail');
    expect(r.status).toBe(405);

    // test bad delete with _method parameter and GET
    r = await c.get('/things/delete_fail?_method=delete');
    expect(r.status).toBe(405);

    // test bad delete with _method parameter and POST
    r = await c.post('/things/delete_fail', { form: { _method: 'delete' } });
    expect(r.status).toBe(405);

    // test custom delete without ID
    r = await c.delete('/things/others/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETE');

    // test custom delete without ID with _method parameter and GET
    r = await c.get('/things/others/?_method=delete');
    expect(r.status).toBe(405);

    // test custom delete without ID with _method parameter and POST
    r = await c.post('/things/others/', { form: { _method: 'delete' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETE');

    // test custom delete with ID
    r = await c.delete('/things/others/reset/1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('1');

    // test custom delete with ID with _method parameter and GET
    r = await c.get('/things/others/reset/1?_method=delete');
    expect(r.status).toBe(405);

    // test custom delete with ID with _method parameter and POST
    r = await c.post('/things/others/reset/1', { form: { _method: 'delete' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('1');
  });

  it('test_post_with_kwargs_only', async () => {
    class RootController extends RestController {
      @expose() getAll() {
        return 'INDEX';
      }

      @expose('json') post({ ...kw }: Record<string, unknown>) {
        return kw;
      }
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('INDEX');

    r = await c.post('/', { form: { foo: 'bar', spam: 'eggs' } });
    expect(r.status).toBe(200);
    // Pecan reads `r.namespace`; the namespace is the JSON body here.
    expect(r.json).toEqual({ foo: 'bar', spam: 'eggs' });
  });
});

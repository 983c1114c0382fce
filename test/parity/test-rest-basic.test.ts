/**
 * Port of Python Pecan's pecan/tests/test_rest.py TestRestController, part 1: every verb, custom
 * action and `_method` on one resource (test_basic_rest). The other cases are split by theme:
 * test-rest-custom (bad and custom verbs), test-rest-nested and test-rest-nested-deep (parent
 * ids), test-rest-lookup (`_lookup`/`_default`), test-rest-allow (405 `Allow`, Unicode, and
 * TestExplicitRoute). Pecan's snake_case
 * method names are camelCase here (DESIGN §5.1): `get_one` → `getOne`, `_custom_actions` →
 * `customActions`, `post_options` → `postOptions`.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { abort, expose, makeApp, response, RestController } from '../../src/index.js';
import { miscVerb, sendTrace } from './fixtures/rest-verbs.js';

describeAdapters('test_rest.py TestRestController', ({ adapter, client }) => {
  it('test_basic_rest', async () => {
    class OthersController {
      @expose() index() {
        return 'OTHERS';
      }

      @expose() echo(value: string) {
        return String(value);
      }
    }

    class ThingsController extends RestController {
      data = ['zero', 'one', 'two', 'three'];

      customActions = { count: ['GET'], length: ['GET', 'POST'] };

      others = new OthersController();

      @expose() getOne(id: string) {
        return this.data[Number(id)];
      }

      @expose('json') getAll() {
        return { items: this.data };
      }

      @expose() length(id: string, value: string | null = null) {
        let length = this.data[Number(id)]!.length;
        if (value) length += value.length;
        return String(length);
      }

      @expose() getCount() {
        return String(this.data.length);
      }

      @expose() new() {
        return 'NEW';
      }

      @expose() post(value: string) {
        this.data.push(value);
        response.status = 302;
        return 'CREATED';
      }

      @expose() edit(id: string) {
        return `EDIT ${this.data[Number(id)]}`;
      }

      @expose() put(id: string, value: string) {
        this.data[Number(id)] = value;
        return 'UPDATED';
      }

      @expose() getDelete(id: string) {
        return `DELETE ${this.data[Number(id)]}`;
      }

      @expose() delete(id: string) {
        this.data.splice(Number(id), 1);
        return 'DELETED';
      }

      @expose() trace() {
        return 'TRACE';
      }

      @expose() postOptions() {
        return 'OPTIONS';
      }

      @expose() options() {
        abort(500);
      }

      @expose() other() {
        abort(500);
      }
    }

    class RootController {
      things = new ThingsController();
    }

    const root = new RootController();
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    const items = async () => ((await c.get('/things')).json as { items: string[] }).items;

    // test getAll
    let r = await c.get('/things');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ items: root.things.data }));

    // test getOne
    for (const [i, value] of root.things.data.entries()) {
      r = await c.get(`/things/${i}`);
      expect(r.status).toBe(200);
      expect(r.text).toBe(value);
    }

    // test post
    r = await c.post('/things', { form: { value: 'four' } });
    expect(r.status).toBe(302);
    expect(r.text).toBe('CREATED');

    // make sure it works
    r = await c.get('/things/4');
    expect(r.status).toBe(200);
    expect(r.text).toBe('four');

    // test edit
    r = await c.get('/things/3/edit');
    expect(r.status).toBe(200);
    expect(r.text).toBe('EDIT three');

    // test put
    r = await c.put('/things/4', { form: { value: 'FOUR' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');

    // make sure it works
    r = await c.get('/things/4');
    expect(r.status).toBe(200);
    expect(r.text).toBe('FOUR');

    // test put with _method parameter and GET
    r = await c.get('/things/4?_method=put&value=FOUR!');
    expect(r.status).toBe(405);

    // make sure it works
    r = await c.get('/things/4');
    expect(r.status).toBe(200);
    expect(r.text).toBe('FOUR');

    // test put with _method parameter and POST
    r = await c.post('/things/4?_method=put', { form: { value: 'FOUR!' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');

    // make sure it works
    r = await c.get('/things/4');
    expect(r.status).toBe(200);
    expect(r.text).toBe('FOUR!');

    // test get delete
    r = await c.get('/things/4/delete');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETE FOUR!');

    // test delete
    r = await c.delete('/things/4');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');

    // make sure it works
    expect(await items()).toHaveLength(4);

    // test delete with _method parameter and GET
    r = await c.get('/things/3?_method=DELETE');
    expect(r.status).toBe(405);

    // make sure it works
    expect(await items()).toHaveLength(4);

    // test delete with _method parameter and POST
    r = await c.post('/things/3?_method=DELETE');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');

    // make sure it works
    expect(await items()).toHaveLength(3);

    // test "TRACE" custom action
    const trace = await sendTrace(adapter, app, c, '/things');
    expect(trace.status).toBe(200);
    expect(trace.text).toBe('TRACE');

    // test "TRACE" custom action with _method parameter
    r = await c.get('/things?_method=TRACE');
    expect(r.status).toBe(200);
    expect(r.text).toBe('TRACE');

    // test the "OPTIONS" custom action
    r = await c.request('/things', { method: 'OPTIONS' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('OPTIONS');

    // test the "OPTIONS" custom action with the _method parameter
    r = await c.post('/things', { form: { _method: 'OPTIONS' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('OPTIONS');

    // test the "other" custom action
    r = await c.request('/things/other', { method: miscVerb(adapter) });
    expect(r.status).toBe(405);

    // test the "other" custom action with the _method parameter
    r = await c.post('/things/other', { form: { _method: 'MISC' } });
    expect(r.status).toBe(405);

    // test the "others" custom action
    r = await c.request('/things/others/', { method: miscVerb(adapter) });
    expect(r.status).toBe(200);
    expect(r.text).toBe('OTHERS');

    // test the "others" custom action missing trailing slash
    r = await c.request('/things/others', { method: miscVerb(adapter) });
    // DESIGN §5.4: Pecan gives 302; a method other than GET/HEAD is redirected with 307.
    expect(r.status).toBe(307);
    expect(r.location).toBe('http://localhost/things/others/');

    // test the "others" custom action with the _method parameter
    r = await c.get('/things/others/?_method=MISC');
    expect(r.status).toBe(200);
    expect(r.text).toBe('OTHERS');

    // test an invalid custom action
    r = await c.get('/things?_method=BAD');
    expect(r.status).toBe(405);

    // test custom "GET" request "count"
    r = await c.get('/things/count');
    expect(r.status).toBe(200);
    expect(r.text).toBe('3');

    // test custom "GET" request "length"
    r = await c.get('/things/1/length');
    expect(r.status).toBe(200);
    expect(r.text).toBe('3');

    // test custom "GET" request through subcontroller
    r = await c.get('/things/others/echo?value=test');
    expect(r.status).toBe(200);
    expect(r.text).toBe('test');

    // test custom "POST" request "length"
    r = await c.post('/things/1/length', { form: { value: 'test' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('7');

    // test custom "POST" request through subcontroller
    r = await c.post('/things/others/echo', { form: { value: 'test' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('test');
  });

  it('test_getall_with_trailing_slash', async () => {
    class ThingsController extends RestController {
      data = ['zero', 'one', 'two', 'three'];

      @expose('json') getAll() {
        return { items: this.data };
      }
    }

    class RootController {
      things = new ThingsController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    // test getAll
    const r = await c.get('/things/');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ items: ['zero', 'one', 'two', 'three'] }));
  });
});

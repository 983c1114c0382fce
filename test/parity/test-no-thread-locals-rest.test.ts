/**
 * Port of Python Pecan's pecan/tests/test_no_thread_locals.py TestRestController: a
 * RestController in explicit mode (`contextLocals: false`), whose methods take (req, res)
 * first — the REST argument counting skips them (§4.10).
 */
import { contextLocals } from '../../src/core/context.js';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeAdapters, type Client } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import {
  abort,
  expose,
  makeApp,
  RestController,
  type PecanApp,
  type PecanRequest,
  type PecanResponse,
} from '../../src/index.js';
import { State } from '../../src/app/state.js';
import { miscVerb, sendTrace } from './fixtures/rest-verbs.js';

class OthersController {
  @expose() index(_req: PecanRequest, _res: PecanResponse) {
    return 'OTHERS';
  }

  @expose() echo(_req: PecanRequest, _res: PecanResponse, value: string) {
    return String(value);
  }
}

class ThingsController extends RestController {
  data = ['zero', 'one', 'two', 'three'];

  customActions = { count: ['GET'], length: ['GET', 'POST'] };

  others = new OthersController();

  @expose() getOne(_req: PecanRequest, _res: PecanResponse, id: string) {
    return this.data[Number(id)];
  }

  @expose('json') getAll(_req: PecanRequest, _res: PecanResponse) {
    return { items: this.data };
  }

  @expose() length(
    _req: PecanRequest,
    _res: PecanResponse,
    id: string,
    value: string | null = null,
  ) {
    let length = this.data[Number(id)]!.length;
    if (value) length += value.length;
    return String(length);
  }

  @expose() post(_req: PecanRequest, res: PecanResponse, value: string) {
    this.data.push(value);
    res.status = 302;
    return 'CREATED';
  }

  @expose() edit(_req: PecanRequest, _res: PecanResponse, id: string) {
    return `EDIT ${this.data[Number(id)]}`;
  }

  @expose() put(_req: PecanRequest, _res: PecanResponse, id: string, value: string) {
    this.data[Number(id)] = value;
    return 'UPDATED';
  }

  @expose() getDelete(_req: PecanRequest, _res: PecanResponse, id: string) {
    return `DELETE ${this.data[Number(id)]}`;
  }

  @expose() delete(_req: PecanRequest, _res: PecanResponse, id: string) {
    this.data.splice(Number(id), 1);
    return 'DELETED';
  }

  @expose() trace(_req: PecanRequest, _res: PecanResponse) {
    return 'TRACE';
  }

  @expose() postOptions(_req: PecanRequest, _res: PecanResponse) {
    return 'OPTIONS';
  }

  @expose() options(_req: PecanRequest, _res: PecanResponse) {
    abort(500);
  }

  @expose() other(_req: PecanRequest, _res: PecanResponse) {
    abort(500);
  }
}

class RootController {
  things = new ThingsController();
}

let bound: () => number;

beforeEach(() => {
  // No request may ever be bound to the context locals (Pecan patches threading.local).
  const run = vi.spyOn(contextLocals(), 'run');
  bound = () => run.mock.calls.filter(([store]) => store instanceof State).length;
});

afterEach(() => {
  expect(bound()).toBe(0);
  vi.restoreAllMocks();
});

describeAdapters('test_no_thread_locals.py TestRestController', ({ adapter, client }) => {
  /** Pecan's `app_` property: a fresh app (and data) per test. */
  async function app_(): Promise<{ app: PecanApp; c: Client }> {
    const app = makeApp(new RootController(), { contextLocals: false, logger: quiet });
    return { app, c: await client(app) };
  }

  it('test_get_all', async () => {
    const { c } = await app_();
    const r = await c.get('/things');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ items: ['zero', 'one', 'two', 'three'] }));
  });

  it('test_get_one', async () => {
    const { c } = await app_();
    for (const [i, value] of ['zero', 'one', 'two', 'three'].entries()) {
      const r = await c.get(`/things/${i}`);
      expect(r.status).toBe(200);
      expect(r.text).toBe(value);
    }
  });

  it('test_post', async () => {
    const { c } = await app_();
    const r = await c.post('/things', { form: { value: 'four' } });
    expect(r.status).toBe(302);
    expect(r.text).toBe('CREATED');
  });

  it('test_custom_action', async () => {
    const { c } = await app_();
    const r = await c.get('/things/3/edit');
    expect(r.status).toBe(200);
    expect(r.text).toBe('EDIT three');
  });

  it('test_put', async () => {
    const { c } = await app_();
    const r = await c.put('/things/3', { form: { value: 'THREE!' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');
  });

  it('test_put_with_method_parameter_and_get', async () => {
    const { c } = await app_();
    const r = await c.get('/things/3?_method=put&value=X');
    expect(r.status).toBe(405);
  });

  it('test_put_with_method_parameter_and_post', async () => {
    const { c } = await app_();
    const r = await c.post('/things/3?_method=put', { form: { value: 'THREE!' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');
  });

  it('test_get_delete', async () => {
    const { c } = await app_();
    const r = await c.get('/things/3/delete');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETE three');
  });

  it('test_delete_method', async () => {
    const { c } = await app_();
    const r = await c.delete('/things/3');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');
  });

  it('test_delete_with_method_parameter', async () => {
    const { c } = await app_();
    const r = await c.get('/things/3?_method=DELETE');
    expect(r.status).toBe(405);
  });

  it('test_delete_with_method_parameter_and_post', async () => {
    const { c } = await app_();
    const r = await c.post('/things/3?_method=DELETE');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');
  });

  it('test_custom_method_type', async () => {
    const { app, c } = await app_();
    const r = await sendTrace(adapter, app, c, '/things');
    expect(r.status).toBe(200);
    expect(r.text).toBe('TRACE');
  });

  it('test_custom_method_type_with_method_parameter', async () => {
    const { c } = await app_();
    const r = await c.get('/things?_method=TRACE');
    expect(r.status).toBe(200);
    expect(r.text).toBe('TRACE');
  });

  it('test_options', async () => {
    const { c } = await app_();
    const r = await c.request('/things', { method: 'OPTIONS' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('OPTIONS');
  });

  it('test_options_with_method_parameter', async () => {
    const { c } = await app_();
    const r = await c.post('/things', { form: { _method: 'OPTIONS' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('OPTIONS');
  });

  it('test_other_custom_action', async () => {
    const { c } = await app_();
    const r = await c.request('/things/other', { method: miscVerb(adapter) });
    expect(r.status).toBe(405);
  });

  it('test_other_custom_action_with_method_parameter', async () => {
    const { c } = await app_();
    const r = await c.post('/things/other', { form: { _method: 'MISC' } });
    expect(r.status).toBe(405);
  });

  it('test_nested_controller_with_trailing_slash', async () => {
    const { c } = await app_();
    const r = await c.request('/things/others/', { method: miscVerb(adapter) });
    expect(r.status).toBe(200);
    expect(r.text).toBe('OTHERS');
  });

  it('test_nested_controller_without_trailing_slash', async () => {
    const { c } = await app_();
    const r = await c.request('/things/others', { method: miscVerb(adapter) });
    // DESIGN §5.4: Pecan gives 302; a method other than GET/HEAD is redirected with 307.
    expect(r.status).toBe(307);
  });

  it('test_invalid_custom_action', async () => {
    const { c } = await app_();
    const r = await c.get('/things?_method=BAD');
    expect(r.status).toBe(405);
  });

  it('test_named_action', async () => {
    const { c } = await app_();
    // test custom "GET" request "length"
    const r = await c.get('/things/1/length');
    expect(r.status).toBe(200);
    expect(r.text).toBe('3');
  });

  it('test_named_nested_action', async () => {
    const { c } = await app_();
    // test custom "GET" request through subcontroller
    const r = await c.get('/things/others/echo?value=test');
    expect(r.status).toBe(200);
    expect(r.text).toBe('test');
  });

  it('test_nested_post', async () => {
    const { c } = await app_();
    // test custom "POST" request through subcontroller
    const r = await c.post('/things/others/echo', { form: { value: 'test' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('test');
  });
});

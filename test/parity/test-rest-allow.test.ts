/**
 * Port of Python Pecan's pecan/tests/test_rest.py TestRestController, part 6: the 405 `Allow`
 * header (§4.8) and Unicode ids and children (§1.10); and TestExplicitRoute (§1.9).
 * test-rest-basic.test.ts lists all the parts.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expose, makeApp, response, RestController } from '../../src/index.js';

describeAdapters('test_rest.py TestRestController', ({ client }) => {
  it('test_method_not_allowed_get', async () => {
    class ThingsController extends RestController {
      @expose() put(_id_: string, _value: string) {
        response.status = 200;
      }

      @expose() delete(_id_: string) {
        response.status = 200;
      }
    }

    const c = await client(makeApp(new ThingsController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('DELETE, PUT');
  });

  it('test_method_not_allowed_post', async () => {
    class ThingsController extends RestController {
      @expose() getOne() {
        return {};
      }
    }

    const c = await client(makeApp(new ThingsController(), { logger: quiet }));
    const r = await c.post('/', { form: { foo: 'bar' } });
    expect(r.status).toBe(405);
    // DESIGN §5.6: Pecan gives `GET`; HEAD is served by the GET methods, so it is listed too.
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });

  it('test_method_not_allowed_put', async () => {
    class ThingsController extends RestController {
      @expose() getOne() {
        return {};
      }
    }

    const c = await client(makeApp(new ThingsController(), { logger: quiet }));
    const r = await c.put('/123');
    expect(r.status).toBe(405);
    // DESIGN §5.6: Pecan gives `GET`.
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });

  it('test_method_not_allowed_delete', async () => {
    class ThingsController extends RestController {
      @expose() getOne() {
        return {};
      }
    }

    const c = await client(makeApp(new ThingsController(), { logger: quiet }));
    const r = await c.delete('/123');
    expect(r.status).toBe(405);
    // DESIGN §5.6: Pecan gives `GET`.
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });

  it('test_proper_allow_header_multiple_gets', async () => {
    class ThingsController extends RestController {
      @expose() getAll() {
        return {};
      }

      @expose() get() {
        return {};
      }
    }

    const c = await client(makeApp(new ThingsController(), { logger: quiet }));
    const r = await c.put('/123');
    expect(r.status).toBe(405);
    // DESIGN §5.6: Pecan gives `GET`.
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });

  it('test_rest_with_utf8_uri', async () => {
    const key = String.fromCodePoint(0x1f330);

    class FooController extends RestController {
      data: Record<string, string> = { [key]: 'Success!' };

      @expose() getOne(id_: string) {
        return this.data[id_];
      }

      @expose() getAll() {
        return 'Hello, World!';
      }

      @expose() put(id_: string, value: string) {
        return this.data[id_] ?? value;
      }

      @expose() delete(id_: string) {
        return this.data[id_];
      }
    }

    class RootController extends RestController {
      foo = new FooController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    let r = await c.get('/foo/%F0%9F%8C%B0');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Success!');

    r = await c.put('/foo/%F0%9F%8C%B0', { form: { value: 'pecans' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('Success!');

    r = await c.delete('/foo/%F0%9F%8C%B0');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Success!');

    r = await c.get('/foo/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_rest_with_utf8_endpoint', async () => {
    class ChildController {
      @expose() index() {
        return 'Hello, World!';
      }
    }

    class FooController extends RestController {}

    // okay, so it's technically a chestnut, but close enough...
    Object.defineProperty(FooController.prototype, '🌰', { value: new ChildController() });

    class RootController extends RestController {
      foo = new FooController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    const r = await c.get('/foo/%F0%9F%8C%B0/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });
});

describeAdapters('test_rest.py TestExplicitRoute', () => {
  it('test_alternate_route', () => {
    class RootController extends RestController {
      @expose({ route: 'some-path' }) getAll() {
        return 'Hello, World!';
      }
    }

    expect(() => new RootController()).toThrow(/Path segments cannot be used with RestController/);
  });
});

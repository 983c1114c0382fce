/**
 * Port of Python Pecan's pecan/tests/test_rest.py TestRestController, part 4: nested resources
 * at three levels, missing parent ids, and parent ids ended by a sub-controller (§4.3);
 * test-rest-basic.test.ts lists all the parts.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expose, makeApp, RestController } from '../../src/index.js';

describeAdapters('test_rest.py TestRestController', ({ client }) => {
  it('test_nested_get_all', async () => {
    class BarsController extends RestController {
      @expose() getOne(_foo_id: string, _id: string) {
        return '4';
      }

      @expose() getAll(_foo_id: string) {
        return '3';
      }
    }

    class FoosController extends RestController {
      bars = new BarsController();

      @expose() getOne(_id: string) {
        return '2';
      }

      @expose() getAll() {
        return '1';
      }
    }

    class RootController {
      foos = new FoosController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    for (const [path, body] of [
      ['/foos/', '1'],
      ['/foos/1/', '2'],
      ['/foos/1/bars/', '3'],
      ['/foos/1/bars/2/', '4'],
    ]) {
      const r = await c.get(path!);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe(body);
    }

    let r = await c.get('/foos/bars/');
    expect(r.status).toBe(404);

    r = await c.get('/foos/bars/1');
    expect(r.status).toBe(404);
  });

  it('test_nested_rest_with_missing_intermediate_id', async () => {
    class BarsController extends RestController {
      data = [
        ['zero-zero', 'zero-one'],
        ['one-zero', 'one-one'],
      ];

      @expose('json') getAll(foo_id: string) {
        return { items: this.data[Number(foo_id)] };
      }
    }

    class FoosController extends RestController {
      data = ['zero', 'one'];

      bars = new BarsController();

      @expose() getOne(id: string) {
        return this.data[Number(id)];
      }

      @expose('json') getAll() {
        return { items: this.data };
      }
    }

    class RootController {
      foos = new FoosController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    // test getAll
    let r = await c.get('/foos');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ items: ['zero', 'one'] }));

    // test nested getAll
    r = await c.get('/foos/1/bars');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ items: ['one-zero', 'one-one'] }));

    r = await c.get('/foos/bars');
    expect(r.status).toBe(404);
  });

  it('test_get_with_var_args', async () => {
    class OthersController {
      @expose() index(one: string, two: string, three: string) {
        return `NESTED: ${one}, ${two}, ${three}`;
      }
    }

    class ThingsController extends RestController {
      others = new OthersController();

      @expose() getOne(...args: string[]) {
        return args.join(', ');
      }
    }

    class RootController {
      things = new ThingsController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    // test get request
    let r = await c.get('/things/one/two/three');
    expect(r.status).toBe(200);
    expect(r.text).toBe('one, two, three');

    // test nested get request
    r = await c.get('/things/one/two/three/others/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('NESTED: one, two, three');
  });

  it('test_sub_nested_rest', async () => {
    class BazsController extends RestController {
      data = [[['zero-zero-zero']]];

      @expose() getOne(foo_id: string, bar_id: string, id: string) {
        return this.data[Number(foo_id)]![Number(bar_id)]![Number(id)];
      }
    }

    class BarsController extends RestController {
      data = [['zero-zero']];

      bazs = new BazsController();

      @expose() getOne(foo_id: string, id: string) {
        return this.data[Number(foo_id)]![Number(id)];
      }
    }

    class FoosController extends RestController {
      data = ['zero'];

      bars = new BarsController();

      @expose() getOne(id: string) {
        return this.data[Number(id)];
      }
    }

    class RootController {
      foos = new FoosController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    // test sub-nested getOne
    const r = await c.get('/foos/0/bars/0/bazs/0');
    expect(r.status).toBe(200);
    expect(r.text).toBe('zero-zero-zero');
  });

  it('test_sub_nested_rest_with_overwrites', async () => {
    class FinalController {
      @expose() index() {
        return 'FINAL';
      }

      @expose() named() {
        return 'NAMED';
      }
    }

    class BazsController extends RestController {
      data = [[['zero-zero-zero']]];

      final = new FinalController();

      @expose() getOne(foo_id: string, bar_id: string, id: string) {
        return this.data[Number(foo_id)]![Number(bar_id)]![Number(id)];
      }

      @expose() post() {
        return 'POST-GRAND-CHILD';
      }

      @expose() put(_id: string) {
        return 'PUT-GRAND-CHILD';
      }
    }

    class BarsController extends RestController {
      data = [['zero-zero']];

      bazs = new BazsController();

      @expose() getOne(foo_id: string, id: string) {
        return this.data[Number(foo_id)]![Number(id)];
      }

      @expose() post() {
        return 'POST-CHILD';
      }

      @expose() put(_id: string) {
        return 'PUT-CHILD';
      }
    }

    class FoosController extends RestController {
      data = ['zero'];

      bars = new BarsController();

      @expose() getOne(id: string) {
        return this.data[Number(id)];
      }

      @expose() post() {
        return 'POST';
      }

      @expose() put(_id: string) {
        return 'PUT';
      }
    }

    class RootController {
      foos = new FoosController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    for (const [method, path, body] of [
      ['POST', '/foos', 'POST'],
      ['PUT', '/foos/0', 'PUT'],
      ['POST', '/foos/bars', 'POST-CHILD'],
      ['PUT', '/foos/bars/0', 'PUT-CHILD'],
      ['POST', '/foos/bars/bazs', 'POST-GRAND-CHILD'],
      ['PUT', '/foos/bars/bazs/0', 'PUT-GRAND-CHILD'],
      ['GET', '/foos/bars/bazs/final/', 'FINAL'],
      ['GET', '/foos/bars/bazs/final/named', 'NAMED'],
    ] as const) {
      const r = await c.request(path, { method });
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(r.text, `${method} ${path}`).toBe(body);
    }
  });
});

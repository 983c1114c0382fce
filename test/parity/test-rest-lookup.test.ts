/**
 * Port of Python Pecan's pecan/tests/test_rest.py TestRestController, part 5: `_lookup` and
 * `_default` on RestControllers (§4.2 steps 5–6, §1.2); test-rest-basic.test.ts lists all the
 * parts.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expose, makeApp, redirect, RestController } from '../../src/index.js';

describeAdapters('test_rest.py TestRestController', ({ client }) => {
  it('test_405_with_lookup', async () => {
    class LookupController extends RestController {
      constructor(readonly _id: string) {
        super();
      }

      @expose() getAll() {
        return `ID: ${this._id}`;
      }
    }

    class ThingsController extends RestController {
      @expose() _lookup(_id: string, ...remainder: string[]) {
        return [new LookupController(_id), remainder];
      }
    }

    class RootController {
      things = new ThingsController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    // these should 405
    for (const path of ['/things', '/things/']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(405);
    }

    const r = await c.get('/things/foo');
    expect(r.status).toBe(200);
    expect(r.text).toBe('ID: foo');
  });

  it('test_getall_with_lookup', async () => {
    class LookupController extends RestController {
      constructor(readonly _id: string) {
        super();
      }

      @expose() getAll() {
        return `ID: ${this._id}`;
      }
    }

    class ThingsController extends RestController {
      data = ['zero', 'one', 'two', 'three'];

      @expose() _lookup(_id: string, ...remainder: string[]) {
        return [new LookupController(_id), remainder];
      }

      @expose('json') getAll() {
        return { items: this.data };
      }
    }

    class RootController {
      things = new ThingsController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    // test getAll
    for (const path of ['/things', '/things/']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe(JSON.stringify({ items: ['zero', 'one', 'two', 'three'] }));
    }

    const r = await c.get('/things/foo');
    expect(r.status).toBe(200);
    expect(r.text).toBe('ID: foo');
  });

  it('test_nested_get_all_with_lookup', async () => {
    class BarsController extends RestController {
      @expose() getOne(_foo_id: string, _id: string) {
        return '4';
      }

      @expose() getAll(_foo_id: string) {
        return '3';
      }

      @expose('json') _lookup(_id: string, ..._remainder: string[]) {
        redirect('/lookup-hit/');
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
    expect(r.status).toBe(302);
    expect(r.location!.endsWith('/lookup-hit/')).toBe(true);

    r = await c.get('/foos/bars/1');
    expect(r.status).toBe(302);
    expect(r.location!.endsWith('/lookup-hit/')).toBe(true);
  });

  it('test_nested_rest_with_lookup', async () => {
    class SubController extends RestController {
      @expose() getAll() {
        return 'SUB';
      }
    }

    class FinalController extends RestController {
      constructor(readonly id_: string) {
        super();
      }

      @expose() getAll() {
        return `FINAL-${this.id_}`;
      }

      @expose() post() {
        return `POST-${this.id_}`;
      }
    }

    class LookupController extends RestController {
      sub = new SubController();

      constructor(readonly id_: string) {
        super();
      }

      @expose() _lookup(id_: string, ...remainder: string[]) {
        return [new FinalController(id_), remainder];
      }

      @expose() getAll(): string {
        throw new Error('Never Reached');
      }

      @expose() post() {
        return `POST-LOOKUP-${this.id_}`;
      }

      @expose() put(id_: string) {
        return `PUT-LOOKUP-${this.id_}-${id_}`;
      }

      @expose() delete(id_: string) {
        return `DELETE-LOOKUP-${this.id_}-${id_}`;
      }
    }

    class FooController extends RestController {
      @expose() _lookup(id_: string, ...remainder: string[]) {
        return [new LookupController(id_), remainder];
      }

      @expose() getOne(_id_: string) {
        return 'GET ONE';
      }

      @expose() getAll() {
        return 'INDEX';
      }

      @expose() post() {
        return 'POST';
      }

      @expose() put(id_: string) {
        return `PUT-${id_}`;
      }

      @expose() delete(id_: string) {
        return `DELETE-${id_}`;
      }
    }

    class RootController extends RestController {
      foo = new FooController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    for (const [method, path, body] of [
      ['GET', '/foo', 'INDEX'],
      ['POST', '/foo', 'POST'],
      ['GET', '/foo/1', 'GET ONE'],
      ['POST', '/foo/1', 'POST-LOOKUP-1'],
      ['PUT', '/foo/1', 'PUT-1'],
      ['DELETE', '/foo/1', 'DELETE-1'],
      ['PUT', '/foo/1/2', 'PUT-LOOKUP-1-2'],
      ['DELETE', '/foo/1/2', 'DELETE-LOOKUP-1-2'],
      ['GET', '/foo/1/2', 'FINAL-2'],
      ['POST', '/foo/1/2', 'POST-2'],
    ] as const) {
      const r = await c.request(path, { method });
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(r.text, `${method} ${path}`).toBe(body);
    }
  });

  it('test_nested_rest_with_default', async () => {
    class FooController extends RestController {
      @expose() _default(...remainder: string[]) {
        return `DEFAULT ${remainder.join(', ')}`;
      }
    }

    class RootController extends RestController {
      foo = new FooController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    const r = await c.get('/foo/missing');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DEFAULT missing');
  });

  it('test_dynamic_rest_lookup', async () => {
    class BarController extends RestController {
      @expose() getAll() {
        return 'BAR';
      }

      @expose() put() {
        return 'PUT_BAR';
      }

      @expose() delete() {
        return 'DELETE_BAR';
      }
    }

    class BarsController extends RestController {
      @expose() _lookup(_id_: string, ...remainder: string[]) {
        return [new BarController(), remainder];
      }

      @expose() getAll() {
        return 'BARS';
      }

      @expose() post() {
        return 'POST_BARS';
      }
    }

    class FooController extends RestController {
      bars = new BarsController();

      @expose() getAll() {
        return 'FOO';
      }

      @expose() put() {
        return 'PUT_FOO';
      }

      @expose() delete() {
        return 'DELETE_FOO';
      }
    }

    class FoosController extends RestController {
      @expose() _lookup(_id_: string, ...remainder: string[]) {
        return [new FooController(), remainder];
      }

      @expose() getAll() {
        return 'FOOS';
      }

      @expose() post() {
        return 'POST_FOOS';
      }
    }

    class RootController extends RestController {
      foos = new FoosController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    for (const [method, path, body] of [
      ['GET', '/foos', 'FOOS'],
      ['POST', '/foos', 'POST_FOOS'],
      ['GET', '/foos/foo', 'FOO'],
      ['PUT', '/foos/foo', 'PUT_FOO'],
      ['DELETE', '/foos/foo', 'DELETE_FOO'],
      ['GET', '/foos/foo/bars', 'BARS'],
      ['POST', '/foos/foo/bars', 'POST_BARS'],
      ['GET', '/foos/foo/bars/bar', 'BAR'],
      ['PUT', '/foos/foo/bars/bar', 'PUT_BAR'],
      ['DELETE', '/foos/foo/bars/bar', 'DELETE_BAR'],
    ] as const) {
      const r = await c.request(path, { method });
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(r.text, `${method} ${path}`).toBe(body);
    }
  });
});

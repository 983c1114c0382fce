/**
 * Port of Python Pecan's pecan/tests/test_rest.py TestRestController, part 3: nested resources
 * and parent ids (§4.3), every verb at two levels. More nesting cases are in
 * test-rest-nested-deep.test.ts; test-rest-basic.test.ts lists all the parts.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expose, makeApp, response, RestController } from '../../src/index.js';

describeAdapters('test_rest.py TestRestController', ({ client }) => {
  it('test_simple_nested_rest', async () => {
    class BarController extends RestController {
      @expose() post() {
        return 'BAR-POST';
      }

      @expose() delete(id_: string) {
        return `BAR-${id_}`;
      }
    }

    class FooController extends RestController {
      bar = new BarController();

      @expose() post() {
        return 'FOO-POST';
      }

      @expose() delete(id_: string) {
        return `FOO-${id_}`;
      }
    }

    class RootController {
      foo = new FooController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));

    for (const [method, path, body] of [
      ['POST', '/foo', 'FOO-POST'],
      ['DELETE', '/foo/1', 'FOO-1'],
      ['POST', '/foo/bar', 'BAR-POST'],
      ['DELETE', '/foo/bar/2', 'BAR-2'],
    ] as const) {
      const r = await c.request(path, { method });
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(r.text, `${method} ${path}`).toBe(body);
    }
  });

  it('test_complicated_nested_rest', async () => {
    class BarsController extends RestController {
      data: string[][] = [
        ['zero-zero', 'zero-one'],
        ['one-zero', 'one-one'],
      ];

      @expose() getOne(foo_id: string, id: string) {
        return this.data[Number(foo_id)]![Number(id)];
      }

      @expose('json') getAll(foo_id: string) {
        return { items: this.data[Number(foo_id)] };
      }

      @expose() new(foo_id: string) {
        return `NEW FOR ${foo_id}`;
      }

      @expose() post(foo_id: string, value: string) {
        const foo = Number(foo_id);
        while (this.data.length < foo + 1) this.data.push([]);
        this.data[foo]!.push(value);
        response.status = 302;
        return `CREATED FOR ${foo}`;
      }

      @expose() edit(foo_id: string, id: string) {
        return `EDIT ${this.data[Number(foo_id)]![Number(id)]}`;
      }

      @expose() put(foo_id: string, id: string, value: string) {
        this.data[Number(foo_id)]![Number(id)] = value;
        return 'UPDATED';
      }

      @expose() getDelete(foo_id: string, id: string) {
        return `DELETE ${this.data[Number(foo_id)]![Number(id)]}`;
      }

      @expose() delete(foo_id: string, id: string) {
        this.data[Number(foo_id)]!.splice(Number(id), 1);
        return 'DELETED';
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

      @expose() new() {
        return 'NEW';
      }

      @expose() edit(id: string) {
        return `EDIT ${this.data[Number(id)]}`;
      }

      @expose() post(value: string) {
        this.data.push(value);
        response.status = 302;
        return 'CREATED';
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
    }

    class RootController {
      foos = new FoosController();
    }

    const root = new RootController();
    const c = await client(makeApp(root, { logger: quiet }));
    const items = async (path: string) => ((await c.get(path)).json as { items: string[] }).items;
    const expectBody = async (path: string, body: string) => {
      const r = await c.get(path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe(body);
    };

    // test getAll
    let r = await c.get('/foos');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ items: root.foos.data }));

    // test nested getAll
    r = await c.get('/foos/1/bars');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ items: root.foos.bars.data[1] }));

    // test getOne
    for (const [i, value] of root.foos.data.entries()) await expectBody(`/foos/${i}`, value);

    // test nested getOne
    for (const [i] of root.foos.data.entries())
      for (const [j, value] of root.foos.bars.data[i]!.entries())
        await expectBody(`/foos/${i}/bars/${j}`, value);

    // test post
    r = await c.post('/foos', { form: { value: 'two' } });
    expect(r.status).toBe(302);
    expect(r.text).toBe('CREATED');

    // make sure it works
    await expectBody('/foos/2', 'two');

    // test nested post
    r = await c.post('/foos/2/bars', { form: { value: 'two-zero' } });
    expect(r.status).toBe(302);
    expect(r.text).toBe('CREATED FOR 2');

    // make sure it works
    await expectBody('/foos/2/bars/0', 'two-zero');

    // test edit
    await expectBody('/foos/1/edit', 'EDIT one');

    // test nested edit
    await expectBody('/foos/1/bars/1/edit', 'EDIT one-one');

    // test put
    r = await c.put('/foos/2', { form: { value: 'TWO' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');

    // make sure it works
    await expectBody('/foos/2', 'TWO');

    // test nested put
    r = await c.put('/foos/2/bars/0', { form: { value: 'TWO-ZERO' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');

    // make sure it works
    await expectBody('/foos/2/bars/0', 'TWO-ZERO');

    // test put with _method parameter and GET
    r = await c.get('/foos/2?_method=put&value=TWO!');
    expect(r.status).toBe(405);

    // make sure it works
    await expectBody('/foos/2', 'TWO');

    // test nested put with _method parameter and GET
    r = await c.get('/foos/2/bars/0?_method=put&value=ZERO-TWO!');
    expect(r.status).toBe(405);

    // make sure it works
    await expectBody('/foos/2/bars/0', 'TWO-ZERO');

    // test put with _method parameter and POST
    r = await c.post('/foos/2?_method=put', { form: { value: 'TWO!' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');

    // make sure it works
    await expectBody('/foos/2', 'TWO!');

    // test nested put with _method parameter and POST
    r = await c.post('/foos/2/bars/0?_method=put', { form: { value: 'TWO-ZERO!' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('UPDATED');

    // make sure it works
    await expectBody('/foos/2/bars/0', 'TWO-ZERO!');

    // test get delete
    await expectBody('/foos/2/delete', 'DELETE TWO!');

    // test nested get delete
    await expectBody('/foos/2/bars/0/delete', 'DELETE TWO-ZERO!');

    // test nested delete
    r = await c.delete('/foos/2/bars/0');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');

    // make sure it works
    expect(await items('/foos/2/bars')).toHaveLength(0);

    // test delete
    r = await c.delete('/foos/2');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');

    // make sure it works
    expect(await items('/foos')).toHaveLength(2);

    // test nested delete with _method parameter and GET
    r = await c.get('/foos/1/bars/1?_method=DELETE');
    expect(r.status).toBe(405);

    // make sure it works
    expect(await items('/foos/1/bars')).toHaveLength(2);

    // test delete with _method parameter and GET
    r = await c.get('/foos/1?_method=DELETE');
    expect(r.status).toBe(405);

    // make sure it works
    expect(await items('/foos')).toHaveLength(2);

    // test nested delete with _method parameter and POST
    r = await c.post('/foos/1/bars/1?_method=DELETE');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');

    // make sure it works
    expect(await items('/foos/1/bars')).toHaveLength(1);

    // test delete with _method parameter and POST
    r = await c.post('/foos/1?_method=DELETE');
    expect(r.status).toBe(200);
    expect(r.text).toBe('DELETED');

    // make sure it works
    expect(await items('/foos')).toHaveLength(1);
  });
});

import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { expose, makeApp, RestController, route, when } from '../../src/index.js';
import { resetGlobalConfig } from '../../src/testing/index.js';
import { listAppRoutes } from '../../src/cli/routes/app-routes.js';
import { formatRoutes } from '../../src/cli/routes/format-routes.js';
import { runCli } from '../../src/cli/run-cli.js';
import { fakeIO } from './fake-io.js';

class ChaptersController extends RestController {
  @expose('json') getAll(bookId: string) {
    return bookId;
  }
  @expose('json') getOne(bookId: string, id: string) {
    return [bookId, id];
  }
}

class BooksController extends RestController {
  customActions = { count: ['GET'], publish: ['POST'] };
  chapters = new ChaptersController();
  @expose('json') getAll() {
    return [];
  }
  @expose('json') getOne(id: string) {
    return id;
  }
  @expose('json') post({ ...fields }: Record<string, unknown>) {
    return fields;
  }
  @expose('json') put(id: string) {
    return id;
  }
  @expose('json') delete(id: string) {
    return id;
  }
  @expose('json') getCount() {
    return 0;
  }
  @expose('json') publish(id: string) {
    return id;
  }
  @expose('json') patch(id: string) {
    return id;
  }
}

class ItemController {
  constructor(readonly id: string) {}
  @expose() index() {
    return this.id;
  }
}

class AdminController {
  @expose() index() {
    return 'admin';
  }
  @expose() _route(args: string[]) {
    return [this.index, args];
  }
}

class RootController {
  books = new BooksController();
  admin = new AdminController();
  settings = { theme: 'dark' };
  @expose('index.html') index() {
    return {};
  }
  @expose() hello(name = 'world') {
    return name;
  }
  @expose({ route: 'with-dash' }) withDash() {
    return 'dash';
  }
  @expose({ generic: true, template: 'json' }) items() {
    return {};
  }
  @when('items', { method: 'POST', template: 'json' }) createItem() {
    return {};
  }
  @expose() files(...path: string[]) {
    return path.join('/');
  }
  notExposed() {
    return 'hidden';
  }
  @expose() _lookup(id: string, ...rest: string[]) {
    return [new ItemController(id), rest];
  }
  @expose() _default(...args: string[]) {
    return args.join();
  }
}
route(
  RootController,
  'odd-name',
  expose()(() => 'odd'),
);

const table = (root: unknown, options = {}) => formatRoutes(listAppRoutes(makeApp(root, options)));

describe('pecan routes', () => {
  it('lists every reachable URL with its methods and handler', () => {
    expect(table(new RootController())).toBe(
      [
        'METHOD  PATH                       HANDLER                     NOTE',
        '*       /                          RootController.index',
        '*       /admin/                    AdminController.index',
        '*       /admin/…                   AdminController._route      _route',
        'GET     /books                     BooksController.getAll      rest',
        'GET     /books/<id>                BooksController.getOne      rest',
        'GET     /books/count               BooksController.getCount    rest',
        'POST    /books/<id>/publish        BooksController.publish     rest',
        'POST    /books                     BooksController.post        rest',
        'PUT     /books/<id>                BooksController.put         rest',
        'DELETE  /books/<id>                BooksController.delete      rest',
        'PATCH   /books/<id>                BooksController.patch       rest',
        'GET     /books/<id>/chapters       ChaptersController.getAll   rest',
        'GET     /books/<id>/chapters/<id>  ChaptersController.getOne   rest',
        '*       /files[/<...path>]         RootController.files',
        '*       /hello[/<name>]            RootController.hello',
        'POST    /items                     RootController.createItem   generic',
        '*       /items                     RootController.items        generic default',
        "*       /odd-name                  RootController['odd-name']",
        '*       /with-dash                 RootController.withDash',
        '*       /<id>/…                    RootController._lookup      _lookup',
        '*       /…                         RootController._default     _default',
        '',
      ].join('\n'),
    );
  });

  it('walks a controller that refers back to its parent only once', () => {
    class Child {
      constructor(readonly parent: unknown) {}
      @expose() index() {
        return 'child';
      }
    }
    class Root {
      child = new Child(this);
      @expose() index() {
        return 'root';
      }
    }
    expect(listAppRoutes(makeApp(new Root())).map((row) => row.path)).toEqual(['/', '/child/']);
  });

  it('leaves out the (req, res) parameters in explicit mode and adds the mount point', () => {
    class Root {
      @expose() show(_req: unknown, _res: unknown, id: string) {
        return id;
      }
    }
    const rows = listAppRoutes(makeApp(new Root(), { contextLocals: false, basePath: '/api' }));
    expect(rows.map((row) => row.path)).toEqual(['/api/show/<id>']);
  });

  it('says so when nothing is exposed', () => {
    expect(table(new (class Empty {})())).toBe('No routes: the root controller exposes nothing.\n');
  });

  describe('the command', () => {
    afterEach(() => resetGlobalConfig());

    it('prints the routes of the app its config builds', async () => {
      const config = fileURLToPath(new URL('./fixtures/app/config.ts', import.meta.url));
      const io = fakeIO(process.cwd());
      expect(await runCli(['routes', config], io)).toBe(0);
      expect(io.stdoutText).toBe(
        [
          'METHOD  PATH          HANDLER',
          '*       /             RootController.index',
          '*       /crash        RootController.crash',
          '*       /pid          RootController.pid',
          '*       /slow[/<ms>]  RootController.slow',
          '',
        ].join('\n'),
      );
    });
  });
});

/**
 * Security on RestControllers (Pecan 1.3.3 "fixed RestController and @secure routing"): a
 * `@secure` verb method, a whole resource behind `secure(resource, check)`, and the boundary a
 * resource's `_route` crosses into its sub-controllers (§6.2).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { RestController, expose, makeApp, request, secure } from '../../src/index.js';

const isAdmin = () => request.headers.get('x-role') === 'admin';
const admin = { headers: { 'x-role': 'admin' } };

describeAdapters('security on RestControllers', ({ client }) => {
  class CommentsController extends RestController {
    @expose('json') getAll() {
      return ['nice'];
    }
  }

  class BooksController extends RestController {
    comments = secure(new CommentsController(), isAdmin);

    @expose('json') getAll() {
      return ['Dune'];
    }

    @expose('json') getOne(id: string) {
      return { id };
    }

    @expose('json') @secure(isAdmin) delete(id: string) {
      return { deleted: id };
    }
  }

  it('protects one verb method with @secure', async () => {
    const c = await client(makeApp({ books: new BooksController() }, { logger: quiet }));
    expect((await c.get('/books/7')).json).toEqual({ id: '7' });
    expect((await c.delete('/books/7')).status).toBe(401);
    expect((await c.delete('/books/7', admin)).json).toEqual({ deleted: '7' });
  });

  it('protects a whole resource wrapped with secure(resource, check)', async () => {
    const root = { books: secure(new BooksController(), isAdmin) };
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/books')).status).toBe(401);
    expect((await c.get('/books/7')).status).toBe(401);
    expect((await c.get('/books', admin)).json).toEqual(['Dune']);
  });

  it('checks a secured sub-controller of a resource on entering it', async () => {
    const c = await client(makeApp({ books: new BooksController() }, { logger: quiet }));
    expect((await c.get('/books')).json).toEqual(['Dune']);
    expect((await c.get('/books/comments')).status).toBe(401);
    expect((await c.get('/books/comments', admin)).json).toEqual(['nice']);
  });
});

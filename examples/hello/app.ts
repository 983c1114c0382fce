/**
 * A small pecan app: object dispatch, JSON, text, arguments from the path and the query.
 * Served by `npm start`; its behaviour is checked by test/examples/hello.test.ts.
 */
import { abort, expose, makeApp, redirect, request, response, route } from 'pecan';

interface Book {
  id: string;
  title: string;
}

const books: Book[] = [
  { id: '1', title: 'The Pecan Cookbook' },
  { id: '2', title: 'Object Dispatch Explained' },
];

class BookController {
  constructor(private readonly book: Book) {}

  @expose('json') index() {
    return this.book;
  }

  @expose() title() {
    return this.book.title;
  }
}

class BooksController {
  // GET /books/ → all books, as JSON
  @expose('json') index() {
    return { books };
  }

  // GET /books/<id>/... → a BookController for that book
  @expose() _lookup(id: string, ...rest: string[]) {
    const book = books.find((b) => b.id === id);
    if (book) return [new BookController(book), rest];
  }

  // POST /books/ with a JSON or form body {title}
  @expose('json') add(title: string) {
    const book = { id: String(books.length + 1), title };
    books.push(book);
    response.status = 201;
    return book;
  }
}

export class RootController {
  books = new BooksController();

  @expose() index() {
    return 'Welcome to pecan. Try /hello/you, /hello?name=you, /books/ or /books/1/title';
  }

  // GET /hello/ann or /hello?name=ann: it echoes the client's input, so plain text, not HTML.
  @expose({ contentType: 'text/plain' }) hello(name = 'world') {
    return `Hello, ${name}!`;
  }

  // GET /status.json or with Accept: application/json
  @expose('json') status() {
    return { ok: true, method: request.method, path: request.path };
  }

  @expose() old() {
    redirect('/hello');
  }

  @expose() secret() {
    abort(403, 'Nothing to see here');
  }
}

// A path segment that is not an identifier: GET /with-dash
route(
  RootController,
  'with-dash',
  expose()(() => 'a route with a dash'),
);

export const app = makeApp(new RootController());

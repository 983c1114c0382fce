import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { app } from '../../examples/hello/app.js';

describeAdapters('examples/hello', ({ client }) => {
  it('serves the welcome text', async () => {
    const r = await (await client(app)).get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Welcome to pecan');
  });

  it('greets by path and by query', async () => {
    const c = await client(app);
    expect((await c.get('/hello/ann')).text).toBe('Hello, ann!');
    expect((await c.get('/hello?name=bob')).text).toBe('Hello, bob!');
    expect((await c.get('/hello')).text).toBe('Hello, world!');
  });

  it('lists and finds books through _lookup', async () => {
    const c = await client(app);
    expect((await c.get('/books/')).json).toMatchObject({ books: expect.any(Array) });
    expect((await c.get('/books/1/title')).text).toBe('The Pecan Cookbook');
    expect((await c.get('/books/999/title')).status).toBe(404);
  });

  it('adds a book from a JSON body', async () => {
    const c = await client(app);
    const r = await c.post('/books/add', { json: { title: 'New' } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ title: 'New' });
  });

  it('chooses JSON by extension', async () => {
    const r = await (await client(app)).get('/status.json');
    expect(r.contentType).toBe('application/json');
    expect(r.json).toMatchObject({ ok: true, path: '/status.json' });
  });

  it('serves a dashed segment, a redirect and an abort', async () => {
    const c = await client(app);
    expect((await c.get('/with-dash')).text).toBe('a route with a dash');
    expect((await c.get('/old')).location).toBe('http://localhost/hello');
    expect((await c.get('/secret')).status).toBe(403);
  });
});

/**
 * Port of Python Pecan's pecan/tests/test_hooks.py TestRequestViewerHook (§5.6). Python's
 * `StringIO()` writer is any object with `write(text)`; `hooks=lambda: [...]` is a function
 * returning the list (§5.2).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { Config } from '../../src/config/index.js';
import { expose, makeApp, RequestViewerHook } from '../../src/index.js';
import { StringIO } from './fixtures/string-io.js';

class RootController {
  @expose() index() {
    return 'Hello, World!';
  }
}

describeAdapters('test_hooks.py TestRequestViewerHook', ({ client }) => {
  it('test_basic_single_default_hook', async () => {
    const stdout = new StringIO();
    const app = await client(
      makeApp(new RootController(), { hooks: () => [new RequestViewerHook(null, stdout)] }),
    );
    const response = await app.get('/');
    const out = stdout.getvalue();
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    for (const text of ['path', 'method', 'status', 'params', 'hooks', '200 OK', '/'])
      expect(out).toContain(text);
    expect(out).toContain("['RequestViewerHook']");
  });

  it('test_bad_response_from_app', async () => {
    // When exceptions are raised the hook deals with them properly
    const stdout = new StringIO();
    const app = await client(
      makeApp(new RootController(), { hooks: () => [new RequestViewerHook(null, stdout)] }),
    );
    const response = await app.get('/404');
    const out = stdout.getvalue();
    expect(response.status).toBe(404);
    for (const text of ['path', 'method', 'status', 'params', 'hooks', '404 Not Found', '/'])
      expect(out).toContain(text);
    expect(out).toContain("['RequestViewerHook']");
  });

  it('test_single_item', async () => {
    const stdout = new StringIO();
    const app = await client(
      makeApp(new RootController(), {
        hooks: () => [new RequestViewerHook({ items: ['path'] }, stdout)],
      }),
    );
    const response = await app.get('/');
    const out = stdout.getvalue();
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(out).toContain('/');
    expect(out).toContain('path');
    for (const text of ['method', 'status', 'params', 'hooks', '200 OK', "['RequestViewerHook']"])
      expect(out).not.toContain(text);
  });

  it('test_single_blacklist_item', async () => {
    const stdout = new StringIO();
    const app = await client(
      makeApp(new RootController(), {
        hooks: () => [new RequestViewerHook({ blacklist: ['/'] }, stdout)],
      }),
    );
    const response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(stdout.getvalue()).toBe('');
  });

  it('test_item_not_in_defaults', async () => {
    const stdout = new StringIO();
    const app = await client(
      makeApp(new RootController(), {
        hooks: () => [new RequestViewerHook({ items: ['date'] }, stdout)],
      }),
    );
    const response = await app.get('/');
    const out = stdout.getvalue();
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(out).toContain('date');
    for (const text of [
      'method',
      'status',
      'params',
      'hooks',
      '200 OK',
      "['RequestViewerHook']",
      '/',
    ])
      expect(out).not.toContain(text);
  });

  it('test_hook_formatting', () => {
    // Pecan formats the hooks' reprs ('<pecan.hooks.RequestViewerHook object at 0x…>'); here
    // the hook objects themselves.
    const viewer = new RequestViewerHook();
    expect(viewer.formatHooks([new RequestViewerHook()])).toEqual(['RequestViewerHook']);
  });

  it('test_deal_with_pecan_configs', () => {
    // If config comes from pecan.conf convert it to dict
    const conf = new Config({ items: ['url'] });
    const viewer = new RequestViewerHook(conf);
    expect(viewer.items).toEqual(['url']);
  });
});

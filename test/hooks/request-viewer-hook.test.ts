/**
 * RequestViewerHook (§5.6) beyond the Python tests: the exact terminal format, the
 * `X-Pecan-<item>` headers, the switches, item names, and the default writer.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, RequestViewerHook, type Writer } from '../../src/index.js';

class Root {
  @expose() greet(name: string) {
    return `hi ${name}`;
  }
}

function memory(): Writer & { out: string } {
  return {
    out: '',
    write(text: string) {
      this.out += text;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describeAdapters('RequestViewerHook (§5.6)', ({ client }) => {
  it('writes one padded line per item, then a blank line', async () => {
    const writer = memory();
    const c = await client(makeApp(new Root(), { hooks: [new RequestViewerHook(null, writer)] }));
    await c.get('/greet/ann?x=1&x=2');
    expect(writer.out).toBe(
      [
        'path         - /greet/ann',
        'status       - 200 OK',
        'method       - GET',
        'controller   - Root.greet',
        "params       - [('x', '1'), ('x', '2')]",
        "hooks        - ['RequestViewerHook']",
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('sets every item as an X-Pecan-<item> header', async () => {
    const c = await client(makeApp(new Root(), { hooks: [new RequestViewerHook(null, memory())] }));
    const r = await c.get('/greet/ann');
    expect(r.headers.get('x-pecan-path')).toBe('/greet/ann');
    expect(r.headers.get('x-pecan-status')).toBe('200 OK');
    expect(r.headers.get('x-pecan-method')).toBe('GET');
    expect(r.headers.get('x-pecan-controller')).toBe('Root.greet');
    expect(r.headers.get('x-pecan-params')).toBe('[]');
    expect(r.headers.get('x-pecan-hooks')).toBe("['RequestViewerHook']");
  });

  it('terminal = false writes nothing; headers = false sets no header', async () => {
    const quietWriter = memory();
    const noTerminal = new RequestViewerHook({ items: ['path'] }, quietWriter, false);
    let c = await client(makeApp(new Root(), { hooks: [noTerminal] }));
    expect((await c.get('/greet/ann')).headers.get('x-pecan-path')).toBe('/greet/ann');
    expect(quietWriter.out).toBe('');

    const writer = memory();
    const noHeaders = new RequestViewerHook({ items: ['path'] }, writer, true, false);
    c = await client(makeApp(new Root(), { hooks: [noHeaders] }));
    expect((await c.get('/greet/ann')).headers.get('x-pecan-path')).toBeNull();
    expect(writer.out).toContain('/greet/ann');
  });

  it('the blacklist matches path prefixes only', async () => {
    const writer = memory();
    const hook = new RequestViewerHook({ blacklist: ['/greet/a'] }, writer);
    const c = await client(makeApp(new Root(), { hooks: [hook] }));
    const skipped = await c.get('/greet/ann');
    expect(skipped.headers.get('x-pecan-path')).toBeNull();
    expect(writer.out).toBe('');
    await c.get('/greet/bob');
    expect(writer.out).toContain('/greet/bob');
  });

  it('items may name request attributes and header attributes; unknown names are skipped', async () => {
    const writer = memory();
    const items = ['url', 'query_string', 'user_agent', 'bodySource', 'nonsense'];
    const c = await client(
      makeApp(new Root(), { hooks: [new RequestViewerHook({ items }, writer)] }),
    );
    await c.get('/greet/ann?q=1', { headers: { 'User-Agent': 'tester' } });
    expect(writer.out).toBe(
      [
        'url          - http://localhost/greet/ann?q=1',
        'query_string - q=1',
        'user_agent   - tester',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('header values stay valid whatever the params hold', async () => {
    const hook = new RequestViewerHook({ items: ['params'] }, memory());
    const c = await client(makeApp(new Root(), { hooks: [hook] }));
    const r = await c.get('/greet/ann?x=%E2%9C%93%0Aline');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-pecan-params')).toBe("[('x', '??line')]");
  });

  it('writes to process.stdout by default', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const hook = new RequestViewerHook({ items: ['method'] });
    const c = await client(makeApp(new Root(), { hooks: [hook] }));
    await c.get('/greet/ann');
    expect(write.mock.calls.map(([text]) => text).join('')).toContain('method       - GET\n');
  });
});

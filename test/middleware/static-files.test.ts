/**
 * Static files (pecan-reference §13, §0.1) and what pecan adds: production serving, conditional
 * and range requests, HEAD, index files, a pluggable file system.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, type AppOptions } from '../../src/index.js';
import type { StaticFileSystem } from '../../src/middleware/file-system.js';
import { quiet, recordingLogger } from '../support/logger.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-static-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  'hello.txt': 'Hello, file!\n',
  'site.css': 'body { color: red; }\n',
  'page.html': '<p>static page</p>\n',
  'app.js': 'console.log(1);\n',
  'data.json': '{"a":1}\n',
  'notes.unknownext': 'what am I\n',
  README: 'no extension\n',
  'empty.txt': '',
  'index.html': '<p>root index</p>\n',
  'docs/index.html': '<p>docs index</p>\n',
  'docs/home.htm': '<p>docs home</p>\n',
  'alphabet.txt': 'abcdefghijklmnopqrstuvwxyz',
  'font.woff2': 'w',
  'clip.m4a': 'm',
  '.env': 'SECRET=1\n',
  '.git/config': '[core]\n',
  '.well-known/security.txt': 'Contact: x\n',
};
for (const [name, content] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), content);
}
const mtime = new Date('2024-05-01T12:00:00Z');
fs.utimesSync(path.join(root, 'alphabet.txt'), mtime, mtime);

class Root {
  @expose() index() {
    return 'route index';
  }

  @expose({ contentType: 'text/plain' }) hello() {
    return 'route hello';
  }

  @expose() docs() {
    return 'route docs';
  }

  @expose() _default(...rest: string[]) {
    return `app: ${rest.join('/')}`;
  }
}

describeAdapters('static files', ({ client }) => {
  const app = (options: AppOptions = {}) =>
    client(makeApp(new Root(), { staticRoot: root, debug: true, logger: quiet, ...options }));

  it('serves a file in debug mode, with Pecan headers', async () => {
    const c = await app();
    const r = await c.get('/hello.txt');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, file!\n');
    expect(r.headers.get('content-type')).toBe('text/plain');
    expect(r.headers.get('content-length')).toBe('13');
    expect(r.headers.get('cache-control')).toBe('public');
    expect(r.headers.get('last-modified')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT$/);
    expect(r.headers.get('date')).not.toBeNull();
    expect(r.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(r.headers.get('accept-ranges')).toBe('bytes');
  });

  it('shadows a route with the same path (static files are outermost)', async () => {
    const c = await app();
    expect((await c.get('/hello.txt')).text).toBe('Hello, file!\n');
    expect((await c.get('/hello')).text).toBe('route hello');
  });

  it('ignores staticRoot outside debug mode, with a warning (as Pecan)', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { staticRoot: root, logger }));
    expect((await c.get('/hello.txt')).text).toBe('route hello');
    expect(logger.lines.map((line) => line.message).join('\n')).toMatch(/staticRoot is ignored/);
  });

  it('serves in production with serveStatic: true', async () => {
    const c = await app({ debug: false, serveStatic: true });
    expect((await c.get('/hello.txt')).text).toBe('Hello, file!\n');
  });

  it('serveStatic: false turns it off in debug mode', async () => {
    const c = await app({ serveStatic: false });
    expect((await c.get('/hello.txt')).text).toBe('route hello');
  });

  it('accepts the snake_case alias serve_static', async () => {
    const c = await client(
      makeApp(new Root(), { static_root: root, serve_static: true, logger: quiet } as AppOptions),
    );
    expect((await c.get('/hello.txt')).text).toBe('Hello, file!\n');
  });

  it.each([
    ['/site.css', 'text/css'],
    ['/page.html', 'text/html'],
    ['/app.js', 'text/javascript'],
    ['/data.json', 'application/json'],
    ['/font.woff2', 'font/woff2'],
    ['/clip.m4a', 'audio/mp4'],
    // Issue 13: what mime-db cannot name is bytes (Pecan said text/plain).
    ['/notes.unknownext', 'application/octet-stream'],
    ['/README', 'application/octet-stream'],
  ])('types %s as %s', async (file, type) => {
    const c = await app();
    expect((await c.get(file)).contentType).toBe(type);
  });

  it('never serves a dotfile or what is below a dot folder unless dotfiles is on', async () => {
    const c = await app();
    for (const hidden of ['/.env', '/.git/config', '/.well-known/security.txt', '/%2eenv']) {
      const r = await c.get(hidden);
      expect(r.text).not.toMatch(/SECRET|core|Contact/);
    }
    const open = await app({ serveStatic: { dotfiles: true } });
    expect((await open.get('/.well-known/security.txt')).text).toBe('Contact: x\n');
    expect((await open.get('/.env')).text).toBe('SECRET=1\n');
  });

  it('passes folders and missing files to the app', async () => {
    const c = await app();
    expect((await c.get('/docs/')).text).toBe('route docs');
    expect((await c.get('/nothing')).text).toBe('app: nothing');
  });

  it('ignores the query string', async () => {
    const c = await app();
    expect((await c.get('/hello.txt?v=3')).text).toBe('Hello, file!\n');
  });

  it('serves an empty file as a 200 (never a 204)', async () => {
    const c = await app();
    const r = await c.get('/empty.txt');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe('0');
    expect(r.text).toBe('');
  });

  it('serves any method, as Pecan does', async () => {
    const c = await app();
    const r = await c.post('/hello.txt', { form: { a: '1' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, file!\n');
  });

  it('answers HEAD with the headers and no body', async () => {
    const c = await app();
    const r = await c.head('/hello.txt');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe('13');
    expect(r.headers.get('content-type')).toBe('text/plain');
    expect(r.body.length).toBe(0);
  });

  it('uses a custom Cache-Control', async () => {
    const c = await app({ serveStatic: { cacheControl: 'public, max-age=60' } });
    expect((await c.get('/hello.txt')).headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('serves below basePath only', async () => {
    const c = await app({ basePath: '/site' });
    expect((await c.get('/site/hello.txt')).text).toBe('Hello, file!\n');
    expect((await c.get('/hello.txt')).status).toBe(404);
  });
});

describeAdapters('static files: conditional requests', ({ client }) => {
  const app = () => client(makeApp(new Root(), { staticRoot: root, debug: true, logger: quiet }));

  it('answers a matching If-None-Match with 304 and no body or type', async () => {
    const c = await app();
    const etag = (await c.get('/alphabet.txt')).headers.get('etag')!;
    const r = await c.get('/alphabet.txt', { headers: { 'if-none-match': etag } });
    expect(r.status).toBe(304);
    expect(r.body.length).toBe(0);
    expect(r.headers.get('content-type')).toBeNull();
    expect(r.headers.get('etag')).toBe(etag);
  });

  it('matches weak tags, lists and *', async () => {
    const c = await app();
    const etag = (await c.get('/alphabet.txt')).headers.get('etag')!;
    for (const value of [`W/${etag}`, `"other", ${etag}`, '*']) {
      const r = await c.get('/alphabet.txt', { headers: { 'if-none-match': value } });
      expect(r.status, value).toBe(304);
    }
    const r = await c.get('/alphabet.txt', { headers: { 'if-none-match': '"other"' } });
    expect(r.status).toBe(200);
  });

  it('answers If-Modified-Since at or after the modification time with 304', async () => {
    const c = await app();
    const at = mtime.toUTCString();
    expect((await c.get('/alphabet.txt')).headers.get('last-modified')).toBe(at);
    expect((await c.get('/alphabet.txt', { headers: { 'if-modified-since': at } })).status).toBe(
      304,
    );
    const before = new Date(mtime.getTime() - 1000).toUTCString();
    const r = await c.get('/alphabet.txt', { headers: { 'if-modified-since': before } });
    expect(r.status).toBe(200);
  });

  it('lets If-None-Match win over If-Modified-Since', async () => {
    const c = await app();
    const r = await c.get('/alphabet.txt', {
      headers: { 'if-none-match': '"other"', 'if-modified-since': mtime.toUTCString() },
    });
    expect(r.status).toBe(200);
  });

  it('answers HEAD conditionally too', async () => {
    const c = await app();
    const etag = (await c.get('/alphabet.txt')).headers.get('etag')!;
    expect((await c.head('/alphabet.txt', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
  });
});

describeAdapters('static files: range requests', ({ client }) => {
  const app = () => client(makeApp(new Root(), { staticRoot: root, debug: true, logger: quiet }));
  const range = async (value: string, extra: Record<string, string> = {}) =>
    (await app()).get('/alphabet.txt', { headers: { range: value, ...extra } });

  it('serves a byte range with 206 and Content-Range', async () => {
    const r = await range('bytes=0-4');
    expect(r.status).toBe(206);
    expect(r.text).toBe('abcde');
    expect(r.headers.get('content-range')).toBe('bytes 0-4/26');
    expect(r.headers.get('content-length')).toBe('5');
    expect(r.contentType).toBe('text/plain');
  });

  it('serves open and suffix ranges, clamped to the file', async () => {
    expect((await range('bytes=20-')).text).toBe('uvwxyz');
    expect((await range('bytes=-3')).text).toBe('xyz');
    expect((await range('bytes=-100')).text).toBe('abcdefghijklmnopqrstuvwxyz');
    const r = await range('bytes=24-1000');
    expect(r.text).toBe('yz');
    expect(r.headers.get('content-range')).toBe('bytes 24-25/26');
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    for (const value of ['bytes=26-', 'bytes=100-200', 'bytes=-0']) {
      const r = await range(value);
      expect(r.status, value).toBe(416);
      expect(r.headers.get('content-range')).toBe('bytes */26');
    }
  });

  it('answers several ranges, or a malformed one, with the whole file', async () => {
    for (const value of ['bytes=0-1,5-6', 'bytes=5-2', 'items=0-1', 'bytes=abc', 'bytes=-']) {
      const r = await range(value);
      expect(r.status, value).toBe(200);
      expect(r.text).toBe('abcdefghijklmnopqrstuvwxyz');
    }
  });

  it('honours If-Range: the range while the file is unchanged, else the whole file', async () => {
    const etag = (await (await app()).get('/alphabet.txt')).headers.get('etag')!;
    expect((await range('bytes=0-1', { 'if-range': etag })).status).toBe(206);
    expect((await range('bytes=0-1', { 'if-range': mtime.toUTCString() })).status).toBe(206);
    expect((await range('bytes=0-1', { 'if-range': '"stale"' })).status).toBe(200);
    const older = new Date(mtime.getTime() - 5000).toUTCString();
    expect((await range('bytes=0-1', { 'if-range': older })).status).toBe(200);
  });

  it('answers HEAD with the range headers and no body', async () => {
    const r = await (await app()).head('/alphabet.txt', { headers: { range: 'bytes=2-5' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-length')).toBe('4');
    expect(r.body.length).toBe(0);
  });

  it('ignores Range on other methods (the whole file, as Pecan)', async () => {
    const r = await (await app()).post('/alphabet.txt', { headers: { range: 'bytes=0-1' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('abcdefghijklmnopqrstuvwxyz');
  });
});

describeAdapters('static files: index files', ({ client }) => {
  it('are off by default', async () => {
    const c = await client(makeApp(new Root(), { staticRoot: root, debug: true }));
    expect((await c.get('/')).text).toBe('route index');
  });

  it('serve index.html for a folder path with index: true', async () => {
    const c = await client(
      makeApp(new Root(), { staticRoot: root, serveStatic: { index: true }, logger: quiet }),
    );
    expect((await c.get('/')).text).toBe('<p>root index</p>\n');
    const r = await c.get('/docs/');
    expect(r.text).toBe('<p>docs index</p>\n');
    expect(r.contentType).toBe('text/html');
  });

  it('redirect a folder path without its slash to the slash URL', async () => {
    const c = await client(
      makeApp(new Root(), { staticRoot: root, serveStatic: { index: true }, logger: quiet }),
    );
    const r = await c.get('/docs?x=1');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/docs/?x=1');
  });

  it('use the file name given', async () => {
    const c = await client(
      makeApp(new Root(), { staticRoot: root, serveStatic: { index: 'home.htm' }, logger: quiet }),
    );
    expect((await c.get('/docs/')).text).toBe('<p>docs home</p>\n');
    expect((await c.get('/')).text).toBe('route index');
  });

  it('refuse an index that is not a file name', () => {
    expect(() =>
      makeApp(new Root(), { staticRoot: root, serveStatic: { index: '../secret' } }),
    ).toThrow(/file name/);
  });
});

describeAdapters('static files: file systems', ({ client }) => {
  const memory = (content: Record<string, string>): StaticFileSystem => ({
    find: (segments) => {
      const text = content[segments.join('/')];
      if (text === undefined) return Promise.resolve(null);
      const bytes = Buffer.from(text);
      return Promise.resolve({
        size: bytes.length,
        mtimeMs: 0,
        read: async function* (start, end) {
          yield bytes.subarray(start, end + 1);
        },
      });
    },
  });

  it('serves from a custom file system, without staticRoot', async () => {
    const fileSystem = memory({ 'a/b.css': 'b {}' });
    const c = await client(makeApp(new Root(), { serveStatic: { fileSystem } }));
    const r = await c.get('/a/b.css');
    expect(r.text).toBe('b {}');
    expect(r.contentType).toBe('text/css');
    expect(r.headers.get('last-modified')).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('answers a failing file system with a logged 500', async () => {
    const logger = recordingLogger();
    const fileSystem: StaticFileSystem = { find: () => Promise.reject(new Error('disk on fire')) };
    const c = await client(makeApp(new Root(), { serveStatic: { fileSystem }, logger }));
    const r = await c.get('/x.txt');
    expect(r.status).toBe(500);
    expect(r.text).not.toContain('disk on fire');
    expect(logger.lines[0]?.message).toMatch(/static file lookup failed/);
  });

  it('warns when serveStatic has nothing to serve', () => {
    const logger = recordingLogger();
    makeApp(new Root(), { serveStatic: true, logger });
    expect(logger.lines[0]?.message).toMatch(/no staticRoot/);
  });

  it('falls through when staticRoot does not exist', async () => {
    const c = await client(
      makeApp(new Root(), { staticRoot: path.join(root, 'missing'), debug: true }),
    );
    expect((await c.get('/hello.txt')).text).toBe('route hello');
  });
});

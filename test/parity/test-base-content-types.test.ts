/**
 * Port of Python Pecan's pecan/tests/test_base.py: TestFileTypeExtensions and
 * TestContentTypeByAcceptHeaders.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, request } from '../../src/index.js';
import { quiet } from '../support/logger.js';

/** WebTest's `content_type`: the media type without its parameters. */
function mediaType(contentType: string | null): string | undefined {
  return contentType?.split(';')[0]?.trim();
}

describeAdapters('test_base.py TestFileTypeExtensions', ({ client }) => {
  /** Test extension splits */
  class ExtensionRoot {
    @expose({ contentType: null }) _default(...args: string[]) {
      const ext = request.pecan.extension;
      expect(args).toHaveLength(1);
      if (ext) expect(args[0]).not.toContain(ext);
      return ext ?? '';
    }
  }
  const app = () => client(makeApp(new ExtensionRoot(), { logger: quiet }));

  it('test_html_extension', async () => {
    const c = await app();
    for (const path of ['/index.html', '/index.html/']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe('.html');
    }
  });

  it('test_image_extension', async () => {
    const c = await app();
    for (const path of ['/index.png', '/index.png/']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe('.png');
    }
  });

  it('test_hidden_file', async () => {
    const c = await app();
    for (const path of ['/.vimrc', '/.vimrc/']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(204);
      expect(r.text, path).toBe('');
    }
  });

  it('test_multi_dot_extension', async () => {
    const c = await app();
    for (const path of ['/gradient.min.js', '/gradient.min.js/']) {
      const r = await c.get(path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe('.js');
    }
  });

  it('test_bad_content_type', async () => {
    class RootController {
      @expose() index() {
        return '/';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/');

    r = await c.get('/index.html');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/');

    r = await c.get('/index.txt');
    expect(r.status).toBe(404);
  });

  it('test_unknown_file_extension', async () => {
    class RootController {
      @expose({ contentType: null }) _default(...args: string[]) {
        expect(args).toContain('example:x.tiny');
        expect(request.pecan.extension).toBeNull();
        return 'SOME VALUE';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/example:x.tiny');
    expect(r.status).toBe(200);
    expect(r.text).toBe('SOME VALUE');
  });

  it('test_guessing_disabled', async () => {
    class RootController {
      @expose({ contentType: null }) _default(...args: string[]) {
        expect(args).toContain('index.html');
        expect(request.pecan.extension).toBeNull();
        return 'SOME VALUE';
      }
    }
    const c = await client(
      makeApp(new RootController(), { guessContentTypeFromExt: false, logger: quiet }),
    );
    const r = await c.get('/index.html');
    expect(r.status).toBe(200);
    expect(r.text).toBe('SOME VALUE');
  });

  it('test_content_type_guessing_disabled', async () => {
    class ResourceController {
      constructor(readonly name: string) {
        expect(this.name).toBe('file.html');
      }

      @expose('json') index() {
        return { name: this.name };
      }
    }
    class RootController {
      @expose() _lookup(name: string, ...remainder: string[]) {
        return [new ResourceController(name), remainder];
      }
    }
    const c = await client(
      makeApp(new RootController(), { guessContentTypeFromExt: false, logger: quiet }),
    );
    let r = await c.get('/file.html/');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ name: 'file.html' });

    r = await c.get('/file.html');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/file.html/');
    r = await c.get(new URL(r.location!).pathname);
    expect(r.json).toEqual({ name: 'file.html' });
  });
});

describeAdapters('test_base.py TestContentTypeByAcceptHeaders', ({ client }) => {
  /** Test that content type is set appropriately based on Accept headers. */
  class RootController {
    @expose({ contentType: 'text/html' })
    @expose({ contentType: 'application/json' })
    index(..._args: string[]) {
      return 'Foo';
    }
  }
  const app = () => client(makeApp(new RootController(), { logger: quiet }));

  it('test_missing_accept', async () => {
    const c = await app();
    const r = await c.get('/', { headers: { accept: '' } });
    expect(r.status).toBe(200);
    expect(mediaType(r.contentType)).toBe('text/html');
  });

  it('test_quality', async () => {
    const c = await app();
    let r = await c.get('/', { headers: { accept: 'text/html,application/json;q=0.9,*/*;q=0.8' } });
    expect(r.status).toBe(200);
    expect(mediaType(r.contentType)).toBe('text/html');

    r = await c.get('/', { headers: { accept: 'application/json,text/html;q=0.9,*/*;q=0.8' } });
    expect(r.status).toBe(200);
    expect(mediaType(r.contentType)).toBe('application/json');
  });

  it('test_discarded_accept_parameters', async () => {
    const c = await app();
    const r = await c.get('/', { headers: { accept: 'application/json;discard=me' } });
    expect(r.status).toBe(200);
    expect(mediaType(r.contentType)).toBe('application/json');
  });

  it('test_file_extension_has_higher_precedence', async () => {
    const c = await app();
    const r = await c.get('/index.html', {
      headers: { accept: 'application/json,text/html;q=0.9,*/*;q=0.8' },
    });
    expect(r.status).toBe(200);
    expect(mediaType(r.contentType)).toBe('text/html');
  });

  it('test_not_acceptable', async () => {
    const c = await app();
    const r = await c.get('/', { headers: { accept: 'application/xml' } });
    expect(r.status).toBe(406);
  });

  it('test_accept_header_missing', async () => {
    const c = await app();
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(mediaType(r.contentType)).toBe('text/html');
  });
});

/**
 * Port of pecan/tests/test_base.py: TestEmptyContent, TestAppIterFile, TestInvalidURLEncoding.
 * WebOb's `response.body`/`text`/`json` setters map to PecanResponse's `body`/`text`/`json`;
 * `response.body_file`/`app_iter` map to an iterable `response.body` (§7.9).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, response, type PecanRequest } from '../../src/index.js';
import { quiet } from '../support/logger.js';

describeAdapters('test_base.py TestEmptyContent', ({ client }) => {
  class RootController {
    @expose() index() {}

    @expose() explicit_body() {
      response.body = Buffer.from('Hello, World!');
    }

    @expose() empty_body() {
      response.body = Buffer.alloc(0);
    }

    @expose() explicit_text() {
      response.text = 'Hello, World!';
    }

    @expose() empty_text() {
      response.text = '';
    }

    @expose() explicit_json() {
      response.json = { foo: 'bar' };
    }

    // WebOb's `json_body` is an alias of `json`; PecanResponse has only `json`, set here
    // from an async controller so the alias's test still covers a distinct path.
    @expose() async explicit_json_body() {
      await Promise.resolve();
      response.json = { foo: 'bar' };
    }

    @expose() non_unicode() {
      return String.fromCharCode(0xc0);
    }
  }

  const app = () => client(makeApp(new RootController(), { logger: quiet }));

  it('test_empty_index', async () => {
    const r = await (await app()).get('/');
    expect(r.status).toBe(204);
    expect(r.headers.has('content-type')).toBe(false);
    // Pecan (WebOb) also sends `Content-Length: 0` on the 204; the adapters follow RFC 9110
    // §8.6 and send none, so that header is not asserted here (see the port report).
    expect(r.body.length).toBe(0);
  });

  it('test_index_with_non_unicode', async () => {
    const r = await (await app()).get('/non_unicode/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('\u00c0');
  });

  it('test_explicit_body', async () => {
    const r = await (await app()).get('/explicit_body/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_empty_body', async () => {
    const r = await (await app()).get('/empty_body/');
    expect(r.status).toBe(204);
    expect(r.body.length).toBe(0);
  });

  it('test_explicit_text', async () => {
    const r = await (await app()).get('/explicit_text/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_empty_text', async () => {
    const r = await (await app()).get('/empty_text/');
    expect(r.status).toBe(204);
    expect(r.body.length).toBe(0);
  });

  it('test_explicit_json', async () => {
    const r = await (await app()).get('/explicit_json/');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ foo: 'bar' });
  });

  it('test_explicit_json_body', async () => {
    const r = await (await app()).get('/explicit_json_body/');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ foo: 'bar' });
  });
});

describeAdapters('test_base.py TestAppIterFile', ({ client }) => {
  class RootController {
    @expose() index() {
      response.body = (function* () {
        yield Buffer.from('Hello, World!');
      })();
    }

    @expose() empty() {
      response.body = (async function* (): AsyncGenerator<Uint8Array> {})();
    }
  }

  const app = () => client(makeApp(new RootController(), { logger: quiet }));

  it('test_body_generator', async () => {
    const r = await (await app()).get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_empty_body_generator', async () => {
    const r = await (await app()).get('/empty');
    expect(r.status).toBe(204);
    expect(r.body.length).toBe(0);
  });
});

describeAdapters('test_base.py TestInvalidURLEncoding', ({ client }) => {
  class RootController {
    @expose() _route(args: string[], request: PecanRequest) {
      if (!request.path) throw new Error('no path');
      return [this.index, args];
    }

    @expose() index() {
      return 'index';
    }
  }

  it('test_rest_with_non_utf_8_body', async () => {
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/%aa/');
    expect(r.status).toBe(400);
  });
});

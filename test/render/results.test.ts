import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, PecanResponse, response } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Root {
  @expose() text() {
    return 'plain';
  }

  @expose() bytes() {
    return Buffer.from([0xde, 0xad, 0xbe, 0xef]);
  }

  @expose() fetchResponse() {
    return new Response('made by fetch', {
      status: 202,
      headers: { 'X-Kind': 'fetch', 'Content-Type': 'text/x-custom' },
    });
  }

  @expose() pecanResponse() {
    return new PecanResponse('made by pecan', {
      status: 203,
      headers: { 'Content-Type': 'text/x-pecan' },
    });
  }

  @expose() async *generator() {
    yield 'a';
    await Promise.resolve();
    yield Buffer.from('b');
    yield 'c';
  }

  @expose() webStream() {
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('web '));
        controller.enqueue(new TextEncoder().encode('stream'));
        controller.close();
      },
    });
  }

  @expose() nodeStream() {
    return Readable.from(['node ', 'stream']);
  }

  @expose() async *emptyStream() {}

  @expose() nothing() {}

  @expose('json') jsonNothing() {
    return undefined;
  }

  @expose('json') jsonNull() {
    return null;
  }

  @expose() created() {
    response.status = 201;
  }

  @expose() notModified() {
    response.status = 304;
    return '';
  }

  @expose() object() {
    return { not: 'a body' };
  }

  @expose() ownType() {
    response.contentType = 'application/vnd.pecan+json';
    return '{"own":true}';
  }

  @expose() cookie() {
    response.setCookie('session', 'a b', { httpOnly: true, path: '/' });
    response.setCookie('theme', 'dark');
    return 'cookies';
  }
}

describeAdapters('controller results', ({ client }) => {
  const app = makeApp(new Root(), { logger: quiet });

  it('sends a string as text/html with its length', async () => {
    const r = await (await client(app)).get('/text');
    expect(r.text).toBe('plain');
    expect(r.headers.get('content-length')).toBe('5');
    expect(r.contentType).toBe('text/html; charset=UTF-8');
  });

  it('sends bytes unchanged', async () => {
    const r = await (await client(app)).get('/bytes');
    expect([...r.body]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('sends a returned Fetch Response as it is', async () => {
    const r = await (await client(app)).get('/fetchResponse');
    expect(r.status).toBe(202);
    expect(r.text).toBe('made by fetch');
    expect(r.headers.get('x-kind')).toBe('fetch');
    expect(r.contentType).toBe('text/x-custom');
  });

  it('sends a returned PecanResponse as it is', async () => {
    const r = await (await client(app)).get('/pecanResponse');
    expect(r.status).toBe(203);
    expect(r.contentType).toBe('text/x-pecan');
    expect(r.text).toBe('made by pecan');
  });

  it('streams an async generator', async () => {
    expect((await (await client(app)).get('/generator')).text).toBe('abc');
  });

  it('streams a web ReadableStream', async () => {
    expect((await (await client(app)).get('/webStream')).text).toBe('web stream');
  });

  it('streams a Node Readable', async () => {
    expect((await (await client(app)).get('/nodeStream')).text).toBe('node stream');
  });

  it('turns an empty stream into a 204', async () => {
    const r = await (await client(app)).get('/emptyStream');
    expect(r.status).toBe(204);
    expect(r.contentType).toBeNull();
  });

  it('turns an empty body into a 204 without Content-Type', async () => {
    const r = await (await client(app)).get('/nothing');
    expect(r.status).toBe(204);
    expect(r.contentType).toBeNull();
    expect(r.text).toBe('');
  });

  it("gives 204 for @expose('json') returning undefined, and null for null", async () => {
    const c = await client(app);
    expect((await c.get('/jsonNothing')).status).toBe(204);
    const r = await c.get('/jsonNull');
    expect(r.status).toBe(200);
    expect(r.text).toBe('null');
  });

  it('keeps a non-200 status with an empty body, and its Content-Type', async () => {
    const r = await (await client(app)).get('/created');
    expect(r.status).toBe(201);
    expect(r.contentType).toBe('text/html; charset=UTF-8');
  });

  it('drops the Content-Type of a 304', async () => {
    const r = await (await client(app)).get('/notModified');
    expect(r.status).toBe(304);
    expect(r.contentType).toBeNull();
  });

  it('answers 500 when a plain @expose() returns an object', async () => {
    const r = await (await client(app)).get('/object');
    expect(r.status).toBe(500);
  });

  it('keeps a content type the controller set (DESIGN §5.8)', async () => {
    const r = await (await client(app)).get('/ownType');
    expect(r.contentType).toBe('application/vnd.pecan+json');
  });

  it('sets several cookies', async () => {
    const r = await (await client(app)).get('/cookie');
    expect(r.headers.getSetCookie()).toEqual(['session=a%20b; Path=/; HttpOnly', 'theme=dark']);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const r = await (await client(app)).head('/text');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe('5');
    expect(r.text).toBe('');
  });

  it('answers HEAD on a stream without a body', async () => {
    const r = await (await client(app)).head('/generator');
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
  });
});

describeAdapters('streams that are not sent', ({ client }) => {
  it('cancels a stream returned with a 204 status', async () => {
    let cancelled = false;
    class Root {
      @expose() index() {
        response.status = 204;
        return new ReadableStream({
          cancel() {
            cancelled = true;
          },
        });
      }
    }
    const r = await (await client(makeApp(new Root()))).get('/');
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(cancelled).toBe(true);
  });
});

/** §14: `TestApp`, the in-process client of `pecan/testing` (WebTest's TestApp). */
import { describe, expect, it } from 'vitest';
import { abort, expose, makeApp, redirect, request, response } from '../../src/index.js';
import { TestApp, TestAppError, TestResponse } from '../../src/testing/index.js';
import { quiet } from '../support/logger.js';

class AccountController {
  @expose() index() {
    return `account: ${request.cookies.session ?? 'none'}`;
  }
}

class RootController {
  account = new AccountController();

  @expose() index() {
    return 'hello';
  }

  @expose('json') echo() {
    return {
      method: request.method,
      params: request.params,
      contentType: request.headers.get('content-type'),
      cookie: request.headers.get('cookie'),
      custom: request.headers.get('x-custom'),
    };
  }

  @expose() missing() {
    abort(404, 'no such thing');
  }

  @expose() teapot() {
    abort(418);
  }

  @expose() login() {
    response.setCookie('session', 'abc123');
    response.setCookie('scoped', 'yes', { path: '/account' });
    return 'logged in';
  }

  @expose() logout() {
    response.deleteCookie('session');
    return 'logged out';
  }

  @expose() away() {
    redirect('/echo?from=away');
  }

  @expose() forward() {
    redirect('/rendered', { internal: true });
  }

  @expose('json') rendered() {
    return { title: 'Hi' };
  }

  @expose() plain() {
    return 'text';
  }

  @expose() fetchResponse() {
    return new Response('raw');
  }
}

const client = (): TestApp => new TestApp(makeApp(new RootController(), { logger: quiet }));

describe('TestApp requests', () => {
  it('answers in-process through app.fetch', async () => {
    const response = await client().get('/');
    expect(response).toBeInstanceOf(TestResponse);
    expect(response.status).toBe(200);
    expect(response.text).toBe('hello');
    expect(response.body).toEqual(Buffer.from('hello'));
    expect(response.contentType).toBe('text/html; charset=UTF-8');
  });

  it('sends params as the query string on GET', async () => {
    const response = await client().get('/echo', { params: { a: '1', b: ['2', '3'], n: 4 } });
    expect(response.json).toMatchObject({ params: { a: '1', b: ['2', '3'], n: '4' } });
  });

  it('sends params as a urlencoded form on POST', async () => {
    const response = await client().post('/echo', { params: { a: '1' } });
    expect(response.json).toMatchObject({
      method: 'POST',
      params: { a: '1' },
      contentType: 'application/x-www-form-urlencoded',
    });
  });

  it('postJson, putJson, patchJson and deleteJson send a JSON body', async () => {
    const app = client();
    for (const [send, method] of [
      [app.postJson.bind(app), 'POST'],
      [app.putJson.bind(app), 'PUT'],
      [app.patchJson.bind(app), 'PATCH'],
      [app.deleteJson.bind(app), 'DELETE'],
    ] as const) {
      const response = await send('/echo', { name: 'ann' });
      expect(response.json).toMatchObject({
        method,
        params: { name: 'ann' },
        contentType: 'application/json',
      });
    }
  });

  it('sends headers, and default headers given to the TestApp', async () => {
    const app = new TestApp(makeApp(new RootController()), { headers: { 'X-Custom': 'all' } });
    expect((await app.get('/echo')).json).toMatchObject({ custom: 'all' });
    const own = await app.get('/echo', { headers: { 'X-Custom': 'mine' } });
    expect(own.json).toMatchObject({ custom: 'mine' });
  });

  it('HEAD and OPTIONS are available', async () => {
    const app = client();
    const head = await app.head('/');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    // §7.10: a plain controller answers every method.
    const options = await app.options('/echo', { params: { q: '1' } });
    expect(options.json).toMatchObject({ method: 'OPTIONS', params: { q: '1' } });
  });

  it('explains a body that is not JSON', async () => {
    const response = await client().get('/');
    expect(() => response.json).toThrow('GET / → 200: the body is not JSON');
  });
});

describe('TestApp status expectations', () => {
  it('throws on an unexpected 4xx, with the status and the body', async () => {
    const error: unknown = await client()
      .get('/missing')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TestAppError);
    const message = (error as TestAppError).message;
    expect(message).toContain('Bad response: GET /missing → 404 Not Found');
    expect(message).toContain('no such thing');
    expect((error as TestAppError).response.status).toBe(404);
  });

  it('throws on an unexpected 5xx', async () => {
    await expect(client().get('/teapot')).rejects.toThrow('→ 418');
  });

  it('accepts an error status that is expected', async () => {
    expect((await client().get('/missing', { status: 404 })).status).toBe(404);
    expect((await client().get('/missing', { status: [400, 404] })).status).toBe(404);
    expect((await client().get('/missing', { status: '*' })).status).toBe(404);
    expect((await client().get('/missing', { expectErrors: true })).status).toBe(404);
  });

  it('throws when a success does not have the expected status', async () => {
    await expect(client().get('/', { status: 201 })).rejects.toThrow(
      'GET / → 200 OK (expected 201)',
    );
  });

  it('redirects are not errors; follow() sends the GET', async () => {
    const response = await client().get('/away');
    expect(response.status).toBe(302);
    expect(response.location).toBe('http://localhost/echo?from=away');
    const followed = await response.follow();
    expect(followed.json).toMatchObject({ params: { from: 'away' } });
  });

  it('follow() refuses a response that is not a redirect', async () => {
    const response = await client().get('/');
    await expect(response.follow()).rejects.toThrow('not a redirect');
  });
});

describe('TestApp cookies', () => {
  it('keeps cookies between requests', async () => {
    const app = client();
    await app.get('/login');
    expect(app.cookies).toEqual({ session: 'abc123', scoped: 'yes' });
    expect((await app.get('/echo')).json).toMatchObject({ cookie: 'session=abc123' });
  });

  it('sends a cookie only under its path', async () => {
    const app = client();
    await app.get('/login');
    const account = await app.get('/account/');
    expect(account.text).toBe('account: abc123');
    expect((await app.get('/echo')).json).toMatchObject({ cookie: 'session=abc123' });
  });

  it('forgets a cookie the app deletes', async () => {
    const app = client();
    await app.get('/login');
    await app.get('/logout');
    expect(app.cookies).toEqual({ scoped: 'yes' });
    expect((await app.get('/echo')).json).toMatchObject({ cookie: null });
  });

  it('setCookie and clearCookies', async () => {
    const app = client();
    app.setCookie('theme', 'dark');
    expect((await app.get('/echo')).json).toMatchObject({ cookie: 'theme=dark' });
    app.clearCookies();
    expect((await app.get('/echo')).json).toMatchObject({ cookie: null });
  });

  it('a Cookie header given by the call wins over the jar', async () => {
    const app = client();
    await app.get('/login');
    const response = await app.get('/echo', { headers: { Cookie: 'mine=1' } });
    expect(response.json).toMatchObject({ cookie: 'mine=1' });
  });
});

describe('TestApp namespace and templateName (§3.8)', () => {
  it('records what the controller returned and the template', async () => {
    const response = await client().get('/rendered');
    expect(response.namespace).toEqual({ title: 'Hi' });
    expect(response.templateName).toBe('json');
  });

  it('records a string result without a template', async () => {
    const response = await client().get('/plain');
    expect(response.namespace).toBe('text');
    expect(response.templateName).toBeNull();
  });

  it('records the final controller after an internal redirect', async () => {
    const response = await client().get('/forward');
    expect(response.namespace).toEqual({ title: 'Hi' });
  });

  it('records nothing when the controller returned a response', async () => {
    const response = await client().get('/fetchResponse');
    expect(response.text).toBe('raw');
    expect(response.namespace).toBeUndefined();
    expect(response.templateName).toBeUndefined();
  });
});

/**
 * Issue 13: `Location` is built from the request's own scheme and Host unless the app trusts
 * its proxy (`trustProxy`); even then, only `http`/`https` and a well-formed host are taken from
 * `X-Forwarded-Proto`/`-Host`. Pecan copies `X-Forwarded-Proto` verbatim (§1.4).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, redirect, request } from '../../src/index.js';
import { recordingLogger } from '../support/logger.js';

class Sub {
  @expose() index() {
    return 'sub';
  }
}

class Root {
  sub = new Sub();
  @expose() url() {
    return request.url;
  }
  @expose() away() {
    redirect('/sub/');
  }
  @expose() slash() {
    redirect(undefined, { addSlash: true });
  }
}

const HOSTILE_PROTOS = ['javascript', 'https://evil.example/#', 'a b', 'ftp', 'https:', ''];

describeAdapters('trusted proxy headers', ({ client }) => {
  it('ignores X-Forwarded-Proto and -Host by default', async () => {
    const c = await client(makeApp(new Root()));
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example' };
    expect((await c.get('/sub', { headers })).location).toBe('http://localhost/sub/');
    expect((await c.get('/away', { headers })).location).toBe('http://localhost/sub/');
    expect((await c.get('/url', { headers })).text).toBe('http://localhost/url');
  });

  it('follows them for every URL pecan builds when trustProxy is on', async () => {
    const c = await client(makeApp(new Root(), { trustProxy: true }));
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example:8443' };
    expect((await c.get('/sub?q=1', { headers })).location).toBe(
      'https://public.example:8443/sub/?q=1',
    );
    expect((await c.get('/away', { headers })).location).toBe('https://public.example:8443/sub/');
    expect((await c.get('/slash', { headers })).location).toBe(
      'https://public.example:8443/slash/',
    );
    expect((await c.get('/url', { headers })).text).toBe('https://public.example:8443/url');
    // A chain of proxies: the first value is the client-facing one.
    const chain = { 'x-forwarded-proto': 'HTTPS, http' };
    expect((await c.get('/sub', { headers: chain })).location).toBe('https://localhost/sub/');
  });

  for (const proto of HOSTILE_PROTOS) {
    it(`never makes ${JSON.stringify(proto)} the scheme, trusted or not`, async () => {
      for (const trustProxy of [false, true]) {
        const c = await client(makeApp(new Root(), { trustProxy }));
        const r = await c.get('/sub', { headers: { 'x-forwarded-proto': proto } });
        expect(r.status).toBe(302);
        expect(r.location).toBe('http://localhost/sub/');
      }
    });
  }

  for (const host of ['evil.example/#', 'a b', 'evil.example@x', '-bad', 'x:99999999']) {
    it(`never takes the host ${JSON.stringify(host)} from X-Forwarded-Host`, async () => {
      const c = await client(makeApp(new Root(), { trustProxy: true }));
      const r = await c.get('/sub', { headers: { 'x-forwarded-host': host } });
      expect(r.location).toBe('http://localhost/sub/');
    });
  }

  it('names the client from X-Forwarded-For in the access log only when trusted', async () => {
    for (const trustProxy of [false, true]) {
      const logger = recordingLogger();
      const app = makeApp(new Root(), { trustProxy, accessLog: logger });
      const c = await client(app);
      await c.get('/url', { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' } });
      const line = logger.lines.find((l) => l.message.includes('/url'))?.message ?? '';
      if (trustProxy) expect(line.startsWith('203.0.113.9 ')).toBe(true);
      else expect(line).not.toContain('203.0.113.9');
    }
  });
});

/**
 * Issue 13: `Location` is built from the request's own scheme and Host unless the app trusts
 * its proxy (`trustProxy`); even then, only `http`/`https` and a well-formed host are taken from
 * `X-Forwarded-Proto`/`-Host`. Pecan copies `X-Forwarded-Proto` verbatim (§1.4).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { compileTrustedProxies } from '../../src/adapters/trusted-proxy.js';
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

/** GET through a real socket from `localAddress` (any 127.x address is this host on Linux). */
async function getFrom(
  app: ReturnType<typeof makeApp>,
  localAddress: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; location: string | undefined; body: string }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path, localAddress, agent: false, headers },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }),
          );
        },
      );
      req.on('error', reject);
    });
  } finally {
    server.close();
  }
}

const SPOOF = {
  host: 'app.internal:8080',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-for': '6.6.6.6',
};

describe('trustProxy as a list of the proxies’ addresses (Node listener)', () => {
  it('follows X-Forwarded-* from a listed address', async () => {
    for (const trustProxy of [['127.0.0.1'], ['127.0.0.0/8'], ['10.0.0.1', '127.0.0.1']]) {
      const r = await getFrom(makeApp(new Root(), { trustProxy }), '127.0.0.1', '/url', SPOOF);
      expect(r.body).toBe('https://evil.example/url');
    }
  });

  it('ignores them from any other address: a client around the proxy cannot spoof them', async () => {
    const logger = recordingLogger();
    const app = makeApp(new Root(), { trustProxy: ['127.0.0.1'], accessLog: logger });
    const direct = await getFrom(app, '127.0.0.2', '/sub', SPOOF);
    expect(direct.location).toBe('http://app.internal:8080/sub/');
    expect((await getFrom(app, '127.0.0.2', '/url', SPOOF)).body).toBe(
      'http://app.internal:8080/url',
    );
    await new Promise((resolve) => setTimeout(resolve, 20)); // records are written on 'close'
    const lines = logger.lines.map((line) => line.message);
    expect(lines.some((line) => line.startsWith('127.0.0.2 '))).toBe(true);
    expect(lines.join('\n')).not.toContain('6.6.6.6');
    // The proxy's own address is still trusted.
    expect((await getFrom(app, '127.0.0.1', '/url', SPOOF)).body).toBe('https://evil.example/url');
  });

  it('matches IPv4 peers of a dual-stack socket (::ffff:a.b.c.d) and IPv6 ranges', () => {
    const trusts = compileTrustedProxies(['127.0.0.1', 'fd00::/8']);
    expect(trusts('::ffff:127.0.0.1')).toBe(true);
    expect(trusts('::ffff:127.0.0.2')).toBe(false);
    expect(trusts('fd12::1')).toBe(true);
    expect(trusts('::1')).toBe(false);
    expect(trusts('not an address')).toBe(false);
  });

  it('rejects an entry that is not an address or a range, when the app is made', () => {
    for (const bad of [['localhost'], ['127.0.0.1/33'], ['::1/129'], ['10.0.0.0/x'], ['']])
      expect(() => makeApp(new Root(), { trustProxy: bad as string[] })).toThrow(
        /trustProxy: .* is not an IP address or a CIDR range/,
      );
    for (const bad of ['yes', [7], 1])
      expect(() => makeApp(new Root(), { trustProxy: bad as unknown as boolean })).toThrow(
        /trustProxy must be true, false or a list/,
      );
  });

  it('trusts nobody through app.fetch, which knows no peer address', async () => {
    const app = makeApp(new Root(), { trustProxy: ['127.0.0.1'] });
    const res = await app.fetch(new Request('http://localhost/url', { headers: SPOOF }));
    expect(await res.text()).toBe('http://localhost/url');
  });
});

/**
 * Connect/Express-style middleware around the Node entry point, with real packages (helmet,
 * cors, compression). Node-only by design: `app.fetch` has no Node req/res to give them.
 */
import { gunzipSync } from 'node:zlib';
import compression from 'compression';
import cors from 'cors';
import helmet from 'helmet';
import { afterAll, describe, expect, it } from 'vitest';
import { closeServers, fetchClient, nodeClient } from '../support/adapters.js';
import { abort, expose, makeApp, type NodeMiddleware } from '../../src/index.js';
import { recordingLogger } from '../support/logger.js';

class Root {
  @expose() index() {
    return 'hello';
  }

  @expose() big() {
    return 'pecan '.repeat(2000);
  }

  @expose() missing() {
    abort(404);
  }

  @expose() error(status: string) {
    return `error page ${status}`;
  }
}

describe('node middleware', () => {
  afterAll(closeServers);

  it('runs helmet: its security headers reach pecan responses and error pages', async () => {
    const c = await nodeClient(
      makeApp(new Root(), { middleware: [helmet()], errors: { 404: '/error/404' } }),
    );
    for (const path of ['/', '/missing']) {
      const r = await c.get(path);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(r.headers.get('x-powered-by'), path).toBeNull();
    }
    expect((await c.get('/missing')).text).toBe('error page 404');
  });

  it('runs cors: headers on responses, and preflights answered before pecan', async () => {
    const c = await nodeClient(makeApp(new Root(), { middleware: [cors()] }));
    const r = await c.get('/', { headers: { origin: 'http://example.test' } });
    expect(r.text).toBe('hello');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await c.request('/', {
      method: 'OPTIONS',
      headers: { origin: 'http://example.test', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('runs compression around the response pecan writes', async () => {
    const c = await nodeClient(makeApp(new Root(), { middleware: [compression()] }));
    const r = await c.get('/big', { headers: { 'accept-encoding': 'gzip' } });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toBe('pecan '.repeat(2000));
  });

  it('runs them in order, the first listed outermost', async () => {
    const seen: string[] = [];
    const mark =
      (name: string): NodeMiddleware =>
      (_req, res, next) => {
        seen.push(name);
        res.setHeader(`X-${name}`, String(seen.length));
        next();
      };
    const c = await nodeClient(makeApp(new Root(), { middleware: [mark('a'), mark('b')] }));
    const r = await c.get('/');
    expect(seen).toEqual(['a', 'b']);
    expect(r.headers.get('x-a')).toBe('1');
    expect(r.headers.get('x-b')).toBe('2');
    expect(r.text).toBe('hello');
  });

  it('answers next(error) and a throwing middleware with a logged 500', async () => {
    for (const failing of [
      ((_req, _res, next) => next(new Error('refused'))) as NodeMiddleware,
      (() => {
        throw new Error('thrown');
      }) as NodeMiddleware,
    ]) {
      const logger = recordingLogger();
      const c = await nodeClient(makeApp(new Root(), { middleware: [failing], logger }));
      const r = await c.get('/');
      expect(r.status).toBe(500);
      expect(r.text).toContain('500 Internal Server Error');
      expect(logger.lines[0]?.message).toMatch(/middleware failed/);
    }
  });

  it('ignores a second next() call', async () => {
    let calls = 0;
    const twice: NodeMiddleware = (_req, _res, next) => {
      next();
      next();
    };
    const counter: NodeMiddleware = (_req, _res, next) => {
      calls++;
      next();
    };
    const c = await nodeClient(makeApp(new Root(), { middleware: [twice, counter] }));
    expect((await c.get('/')).text).toBe('hello');
    expect(calls).toBe(1);
  });

  it('is skipped by app.fetch, which warns once', async () => {
    const logger = recordingLogger();
    const c = fetchClient(makeApp(new Root(), { middleware: [helmet()], logger }));
    const r = await c.get('/');
    await c.get('/');
    expect(r.text).toBe('hello');
    expect(r.headers.get('x-content-type-options')).toBeNull();
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
  });
});

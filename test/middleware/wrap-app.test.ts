/**
 * `wrapApp`, Pecan's `wrap_app` (pecan-reference §0.1): wraps the app's runtime-neutral handler
 * once, innermost — inside error documents and static files — for both entry points.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, PecanResponse, type PecanHandler } from '../../src/index.js';
import { recordingLogger } from '../support/logger.js';

class Root {
  @expose() index() {
    return 'hello';
  }

  @expose() error(status: string) {
    return `error page ${status}`;
  }
}

const staticRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-wrap-'));
fs.writeFileSync(path.join(staticRoot, 'file.txt'), 'a file');
afterAll(() => fs.rmSync(staticRoot, { recursive: true, force: true }));

describeAdapters('wrapApp', ({ client }) => {
  it('sees every request and its response', async () => {
    const seen: string[] = [];
    const wrapApp = (app: PecanHandler): PecanHandler => {
      return async (request) => {
        seen.push(request.rawPath);
        const response = await app(request);
        response.headers.set('X-Wrapped', String(response.status));
        return response;
      };
    };
    const c = await client(makeApp(new Root(), { wrapApp }));
    const r = await c.get('/');
    expect(r.text).toBe('hello');
    expect(r.headers.get('x-wrapped')).toBe('200');
    expect(seen).toEqual(['/']);
  });

  it('sits inside error documents: its status is mapped, and it sees the error page', async () => {
    const seen: string[] = [];
    const wrapApp =
      (app: PecanHandler): PecanHandler =>
      async (request) => {
        seen.push(request.rawPath);
        if (request.rawPath === '/closed') return new PecanResponse('closed', { status: 503 });
        return app(request);
      };
    const c = await client(makeApp(new Root(), { wrapApp, errors: { 503: '/error/503' } }));
    const r = await c.get('/closed');
    expect(r.status).toBe(503);
    expect(r.text).toBe('error page 503');
    expect(seen).toEqual(['/closed', '/error/503']);
  });

  it('sits inside static files: it never sees a static file', async () => {
    const seen: string[] = [];
    const wrapApp =
      (app: PecanHandler): PecanHandler =>
      (request) => {
        seen.push(request.rawPath);
        return app(request);
      };
    const c = await client(makeApp(new Root(), { wrapApp, staticRoot, debug: true }));
    expect((await c.get('/file.txt')).text).toBe('a file');
    expect((await c.get('/')).text).toBe('hello');
    expect(seen).toEqual(['/']);
  });

  it('answers a failing wrapper with a logged 500', async () => {
    const logger = recordingLogger();
    const wrapApp = (): PecanHandler => () => Promise.reject(new Error('wrapper broke'));
    const c = await client(makeApp(new Root(), { wrapApp, logger }));
    const r = await c.get('/');
    expect(r.status).toBe(500);
    expect(r.text).not.toContain('wrapper broke');
    expect(logger.lines[0]?.message).toMatch(/wrapApp failed/);
  });

  it('answers a wrapper resolving to something else than a response with a logged 500', async () => {
    const logger = recordingLogger();
    const wrapApp = (): PecanHandler => () => Promise.resolve('text' as unknown as PecanResponse);
    const c = await client(makeApp(new Root(), { wrapApp, logger }));
    expect((await c.get('/')).status).toBe(500);
    expect(String(logger.lines[0]?.details[0])).toMatch(/not a PecanResponse/);
  });

  it('must return a handler', () => {
    expect(() =>
      makeApp(new Root(), {
        wrapApp: (() => 'nope') as unknown as (app: PecanHandler) => PecanHandler,
      }),
    ).toThrow(/wrapApp must return a handler/);
  });
});

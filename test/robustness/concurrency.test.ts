// Isolation between requests (§7.1 context locals, §7.3 request.context): concurrent requests
// never see each other's request, response or context, and a failure stays in its request.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, PecanHook, request, response, type State } from '../../src/index.js';
import { quiet } from '../support/logger.js';

const pause = () => new Promise((r) => setTimeout(r, Math.floor(Math.random() * 10)));

class Root {
  @expose('json') async echo(id: string, { ...kw }: Record<string, unknown>) {
    const fresh = Object.keys(request.context).length === 0;
    request.context.id = id;
    await pause();
    response.headers.set('X-Id', id);
    await pause();
    return {
      id,
      kw,
      path: request.path,
      params: { ...request.params },
      context: request.context.id,
      fresh,
    };
  }

  @expose() async fail(id: string) {
    response.headers.set('X-Leak', id);
    response.status = 418;
    await pause();
    throw new Error(`failure ${id}`);
  }

  @expose() boom() {
    throw new Error('kaboom');
  }

  @expose('json') parse({ ...kw }: Record<string, unknown>) {
    return kw;
  }

  @expose() hello() {
    return 'hello';
  }
}

/** A hook that awaits in every stage and checks that the context locals stay its request's. */
class AwaitingHook extends PecanHook {
  mismatches: string[] = [];
  override async before(state: State) {
    await pause();
    if (request.path !== state.request.path) this.mismatches.push(`before ${state.request.path}`);
  }
  override async after(state: State) {
    await pause();
    if (request.path !== state.request.path) this.mismatches.push(`after ${state.request.path}`);
    state.response.headers.set('X-Hook-Path', request.path);
  }
}

const app = (hooks: PecanHook[] = []) => makeApp(new Root(), { logger: quiet, hooks });
const ids = Array.from({ length: 200 }, (_, i) => `r${i}`);

describeAdapters('robustness: concurrency and isolation', ({ client }) => {
  it('200 concurrent requests each get their own path and params back', async () => {
    const c = await client(app());
    const replies = await Promise.all(ids.map((id) => c.get(`/echo/${id}?n=${id}`)));
    replies.forEach((r, i) => {
      const id = ids[i]!;
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ id, kw: { n: id }, path: `/echo/${id}`, params: { n: id } });
      expect(r.headers.get('x-id')).toBe(id);
    });
  });

  it('request.context is fresh per request and stays its own across awaits', async () => {
    const c = await client(app());
    const replies = await Promise.all(ids.map((id) => c.get(`/echo/${id}`)));
    replies.forEach((r, i) => expect(r.json).toMatchObject({ fresh: true, context: ids[i] }));
  });

  it('hooks that await see their own request under concurrency', async () => {
    const hook = new AwaitingHook();
    const c = await client(app([hook]));
    const replies = await Promise.all(ids.map((id) => c.get(`/echo/${id}`)));
    replies.forEach((r, i) => expect(r.headers.get('x-hook-path')).toBe(`/echo/${ids[i]}`));
    expect(hook.mismatches).toEqual([]);
  });

  it('an exception in one request does not affect concurrent ones', async () => {
    const c = await client(app());
    const replies = await Promise.all(
      ids.map((id, i) => c.get(i % 2 ? `/fail/${id}` : `/echo/${id}`)),
    );
    replies.forEach((r, i) => {
      const id = ids[i]!;
      if (i % 2) {
        expect(r.status).toBe(500);
        expect(r.text).not.toContain(id);
      } else {
        expect(r.status).toBe(200);
        expect(r.json).toMatchObject({ id, path: `/echo/${id}` });
      }
    });
  });

  it("a failed request's response headers and status do not leak into the next", async () => {
    const c = await client(app());
    const failed = await c.get('/fail/1');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-leak')).toBeNull();
    const next = await c.get('/hello');
    expect(next.status).toBe(200);
    expect(next.headers.get('x-leak')).toBeNull();
  });

  it('context locals outside a request say they are unbound', () => {
    expect(() => request.path).toThrow(/not bound to a request/);
    expect(() => response.status).toThrow(/not bound to a request/);
  });
});

/** Reads HTTP/1.1 responses (Content-Length framed) off one raw keep-alive socket. */
function keepAlive(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let buffer = Buffer.alloc(0);
  const waiting: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    waiting.splice(0).forEach((wake) => wake());
  });
  async function next(): Promise<{ status: number; text: string }> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end !== -1) {
        const head = buffer.subarray(0, end).toString('latin1');
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length >= end + 4 + length) {
          const text = buffer.subarray(end + 4, end + 4 + length).toString();
          buffer = buffer.subarray(end + 4 + length);
          return { status: Number(head.split(' ')[1]), text };
        }
      }
      if (Date.now() > deadline || socket.destroyed) throw new Error('no complete response');
      await new Promise<void>((wake) => {
        waiting.push(wake);
        setTimeout(wake, 50).unref();
      });
    }
  }
  return { socket, next, send: (text: string) => socket.write(text) };
}

describe('robustness: keep-alive after errors [node]', () => {
  const servers: http.Server[] = [];
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.destroy());
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  async function connect() {
    const server = http.createServer(app());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const conn = keepAlive((server.address() as AddressInfo).port);
    sockets.push(conn.socket);
    return conn;
  }

  it('after a thrown error the next request on the same connection works', async () => {
    const conn = await connect();
    conn.send('GET /boom HTTP/1.1\r\nHost: x\r\n\r\n');
    expect((await conn.next()).status).toBe(500);
    conn.send('GET /hello HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await conn.next()).toEqual({ status: 200, text: 'hello' });
  });

  it('after a malformed body the next request on the same connection works', async () => {
    const conn = await connect();
    const bad = '{"a": ';
    conn.send(
      `POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${bad.length}\r\n\r\n${bad}`,
    );
    expect((await conn.next()).status).toBe(400);
    const good = '{"a": 1}';
    conn.send(
      `POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${good.length}\r\n\r\n${good}`,
    );
    expect(await conn.next()).toEqual({ status: 200, text: '{"a":1}' });
  });

  it('pipelined requests around a failure are all answered in order', async () => {
    const conn = await connect();
    conn.send(
      ['/hello', '/boom', '/%aa', '/nowhere', '/hello']
        .map((p) => `GET ${p} HTTP/1.1\r\nHost: x\r\n\r\n`)
        .join(''),
    );
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await conn.next()).status);
    expect(statuses).toEqual([200, 500, 400, 404, 200]);
  });
});

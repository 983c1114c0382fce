/**
 * The Node adapter reads request headers from `req.rawHeaders` (without building Node's lazy
 * `req.headers` object): every header must read exactly as Node's own object has it, repeated
 * names included (first one kept, `, `-joined, or `; `-joined for cookies).
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expose, makeApp, request } from '../../src/index.js';
import { quiet } from '../support/logger.js';

const NAMES = ['host', 'accept', 'cookie', 'content-type', 'user-agent', 'x-custom', 'x-absent'];

class Root {
  @expose('json') index() {
    const seen: Record<string, unknown> = {};
    for (const name of NAMES) seen[name] = request.headers.get(name.toUpperCase());
    seen.hasAccept = request.headers.has('Accept');
    seen.origin = request.origin;
    return seen;
  }
}

let server: http.Server;
let port = 0;
let nodeView: Record<string, unknown> = {};

beforeAll(async () => {
  const app = makeApp(new Root(), { logger: quiet });
  server = http.createServer((req, res) => {
    app(req, res);
    // After pecan answered from the raw list: what Node's own header object says.
    const all = req.headers;
    nodeView = Object.fromEntries(
      NAMES.map((name) => {
        const value = all[name];
        return [name, value === undefined ? null : Array.isArray(value) ? value.join(', ') : value];
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One raw HTTP/1.1 request with exactly these header lines; resolves with the JSON body. */
function rawGet(lines: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => resolve(JSON.parse(data.slice(data.indexOf('\r\n\r\n') + 4))));
    socket.end(['GET / HTTP/1.1', ...lines, 'Connection: close', '', ''].join('\r\n'));
  });
}

it('reads repeated and mixed-case headers exactly as Node does', async () => {
  const seen = await rawGet([
    'Host: first.example:8080',
    'host: second.example',
    'Accept: text/html',
    'ACCEPT: application/json;q=0.5',
    'Cookie: a=1',
    'cookie: b=2',
    'Content-Type: text/plain',
    'Content-Type: application/json',
    'User-Agent: probe',
    'X-Custom: one',
    'x-custom: two',
  ]);
  expect(seen).toMatchObject({
    host: 'first.example:8080',
    accept: 'text/html, application/json;q=0.5',
    cookie: 'a=1; b=2',
    'content-type': 'text/plain',
    'user-agent': 'probe',
    'x-custom': 'one, two',
    'x-absent': null,
    hasAccept: true,
    origin: 'http://first.example:8080',
  });
  const { hasAccept: _h, origin: _o, ...headers } = seen;
  expect(headers).toEqual(nodeView);
});

it('answers a request with no Accept header, and has() is false for it', async () => {
  const seen = await rawGet(['Host: h']);
  expect(seen).toMatchObject({ accept: null, hasAccept: false, origin: 'http://h' });
});

it('reads the headers object of a stand-in request that has no raw list', async () => {
  const app = makeApp(new Root(), { logger: quiet });
  const body = await new Promise<string>((resolve) => {
    const req = {
      method: 'GET',
      url: '/',
      headers: { host: 'stand.in', accept: 'application/json', 'x-custom': 'one, two' },
      socket: {},
      httpVersionMajor: 1,
    };
    const res = {
      headersSent: false,
      writeHead() {
        this.headersSent = true;
      },
      end: (text: string) => resolve(text),
      on() {},
      destroy() {},
    };
    app(req as unknown as http.IncomingMessage, res as unknown as http.ServerResponse);
  });
  expect(JSON.parse(body)).toMatchObject({
    host: 'stand.in',
    accept: 'application/json',
    'x-custom': 'one, two',
    'x-absent': null,
    origin: 'http://stand.in',
  });
});

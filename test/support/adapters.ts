/**
 * Every HTTP-level suite runs twice: through a real Node server (node:http, raw request paths)
 * and through `app.fetch`. `describeAdapters` gives each test a `client(app)` for its adapter.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe } from 'vitest';
import type { PecanApp } from '../../src/index.js';

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Shortcut: JSON-encode this and send it as application/json. */
  json?: unknown;
  /** Shortcut: urlencode this and send it as a form. */
  form?: Record<string, string | string[]>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
  readonly json: unknown;
  contentType: string | null;
  location: string | null;
}

export interface Client {
  request(path: string, options?: SendOptions): Promise<TestResponse>;
  get(path: string, options?: SendOptions): Promise<TestResponse>;
  post(path: string, options?: SendOptions): Promise<TestResponse>;
  put(path: string, options?: SendOptions): Promise<TestResponse>;
  patch(path: string, options?: SendOptions): Promise<TestResponse>;
  delete(path: string, options?: SendOptions): Promise<TestResponse>;
  head(path: string, options?: SendOptions): Promise<TestResponse>;
}

export type AdapterName = 'node' | 'fetch';

function encodeBody(options: SendOptions): {
  headers: Record<string, string>;
  body: Uint8Array | string | undefined;
} {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (options.form !== undefined) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(options.form))
      for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    body = form.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  return { headers, body };
}

function makeResponse(status: number, headers: Headers, body: Buffer): TestResponse {
  const text = body.toString('utf8');
  return {
    status,
    headers,
    body,
    text,
    get json() {
      return JSON.parse(text) as unknown;
    },
    contentType: headers.get('content-type'),
    location: headers.get('location'),
  };
}

function withMethods(send: (path: string, options: SendOptions) => Promise<TestResponse>): Client {
  const call =
    (method: string) =>
    (path: string, options: SendOptions = {}) =>
      send(path, { ...options, method });
  return {
    request: (path, options = {}) => send(path, options),
    get: call('GET'),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    delete: call('DELETE'),
    head: call('HEAD'),
  };
}

export function fetchClient(app: PecanApp): Client {
  return withMethods(async (path, options) => {
    const { headers, body } = encodeBody(options);
    const res = await app.fetch(
      new Request(`http://localhost${path}`, {
        method: options.method ?? 'GET',
        headers,
        body: body as BodyInit | undefined,
      }),
    );
    return makeResponse(res.status, res.headers, Buffer.from(await res.arrayBuffer()));
  });
}

const servers: http.Server[] = [];

export async function nodeClient(app: PecanApp): Promise<Client> {
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return withMethods((path, options) => {
    const { headers, body } = encodeBody(options);
    return new Promise<TestResponse>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: options.method ?? 'GET',
          headers: { host: 'localhost', ...headers },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const h = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined) continue;
              for (const one of Array.isArray(value) ? value : [value]) h.append(name, one);
            }
            resolve(makeResponse(res.statusCode ?? 0, h, Buffer.concat(chunks)));
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  });
}

export async function closeServers(): Promise<void> {
  const closing = servers.splice(0).map(
    (server) =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  await Promise.all(closing);
}

export interface AdapterContext {
  adapter: AdapterName;
  /** A client for `app` through this suite's adapter. */
  client(app: PecanApp): Promise<Client>;
}

/** Declares the suite once per adapter: `describeAdapters('routing', ({ client }) => { … })`. */
export function describeAdapters(name: string, body: (context: AdapterContext) => void): void {
  for (const adapter of ['node', 'fetch'] as const) {
    describe(`${name} [${adapter}]`, () => {
      afterAll(closeServers);
      body({
        adapter,
        client: (app) => (adapter === 'node' ? nodeClient(app) : Promise.resolve(fetchClient(app))),
      });
    });
  }
}

/**
 * §14: `TestApp`, the in-process client of Pecan's tests (WebTest's `TestApp`): requests go
 * through `app.fetch` (no socket), cookies are kept between them, and an unexpected 4xx/5xx
 * throws unless the call says it is expected.
 */
import type { PecanApp } from '../make-app.js';
import { observeFetch } from '../adapters/fetch-observers.js';
import { CookieJar } from './cookie-jar.js';
import { TestResponse, excerpt } from './test-response.js';
import { makeClient, type Client } from './typed-client.js';

export type ParamValue = string | number | boolean | null | undefined;
export type Params = Record<string, ParamValue | ParamValue[]> | URLSearchParams | string;

export interface TestRequestOptions {
  /** Query parameters (GET, HEAD, OPTIONS) or a urlencoded form body (other methods). */
  params?: Params;
  headers?: Record<string, string> | Headers;
  /** A raw body. */
  body?: string | Uint8Array;
  /** A JSON body (sent as `application/json`). */
  json?: unknown;
  /** The status expected: a code, a list of codes, or `'*'` for any. */
  status?: number | readonly number[] | '*';
  /** Accept any 4xx/5xx without throwing (WebTest's `expect_errors`). */
  expectErrors?: boolean;
}

export interface TestAppOptions {
  /** Scheme and host of the requests (default `http://localhost`). */
  origin?: string;
  /** Headers sent with every request (a call's own headers win). */
  headers?: Record<string, string>;
}

/** An unexpected status: names the request, the status and the start of the body. */
export class TestAppError extends Error {
  constructor(
    message: string,
    readonly response: TestResponse,
  ) {
    super(message);
    this.name = 'TestAppError';
  }
}

const QUERY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class TestApp {
  readonly app: PecanApp;
  readonly #origin: string;
  readonly #headers: Record<string, string>;
  readonly #jar = new CookieJar();

  constructor(app: PecanApp, options: TestAppOptions = {}) {
    this.app = app;
    this.#origin = (options.origin ?? 'http://localhost').replace(/\/$/, '');
    this.#headers = options.headers ?? {};
  }

  get(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('GET', path, options);
  }
  post(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('POST', path, options);
  }
  put(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('PUT', path, options);
  }
  patch(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('PATCH', path, options);
  }
  delete(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('DELETE', path, options);
  }
  head(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('HEAD', path, options);
  }
  options(path: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('OPTIONS', path, options);
  }

  /**
   * A client typed against the controller tree: `client<RootController>().books.getOne(3)`
   * sends `GET /books/3`; its response's `json` has `getOne`'s return type.
   */
  client<Root>(options?: TestRequestOptions): Client<Root> {
    return makeClient<Root>(
      {
        root: this.app.app.root,
        explicitArgs: !this.app.app.contextLocals,
        request: (method, path, given) => this.request(method, path, given),
      },
      options,
    );
  }

  /** WebTest's `post_json`: `json` is sent as the JSON body. */
  postJson(path: string, json: unknown, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('POST', path, { ...options, json });
  }
  putJson(path: string, json: unknown, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('PUT', path, { ...options, json });
  }
  patchJson(path: string, json: unknown, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('PATCH', path, { ...options, json });
  }
  deleteJson(path: string, json: unknown, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('DELETE', path, { ...options, json });
  }

  /** The cookies kept so far, name → value. */
  get cookies(): Record<string, string> {
    return this.#jar.toObject();
  }

  /** Sets a cookie sent with later requests (WebTest's `set_cookie`). */
  setCookie(name: string, value: string, path = '/'): void {
    this.#jar.set(name, value, path);
  }

  /** Forgets every cookie (WebTest's `reset`). */
  clearCookies(): void {
    this.#jar.clear();
  }

  /** Sends one request with any method. */
  async request(
    method: string,
    path: string,
    options: TestRequestOptions = {},
  ): Promise<TestResponse> {
    method = method.toUpperCase();
    const url = this.#url(path, method, options.params);
    const headers = new Headers(this.#headers);
    new Headers(options.headers).forEach((value, name) => headers.set(name, value));
    const body = requestBody(method, options, headers);
    const cookie = this.#jar.headerFor(url.pathname);
    if (cookie !== null && !headers.has('cookie')) headers.set('Cookie', cookie);
    const fetchRequest = new Request(url, { method, headers, body: body as BodyInit | undefined });
    let record: Pick<TestResponse, 'namespace' | 'templateName'> = {
      namespace: undefined,
      templateName: undefined,
    };
    observeFetch(fetchRequest, (final) => {
      record = { namespace: final.pecan.namespace, templateName: final.pecan.templateName };
    });
    const answer = await this.app.fetch(fetchRequest);
    const bytes = Buffer.from(await answer.arrayBuffer());
    this.#jar.storeFrom(answer.headers, url.pathname);
    const response = new TestResponse({
      method,
      path: url.pathname + url.search,
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
      body: bytes,
      ...record,
      follow: (location) => this.get(location),
    });
    checkStatus(response, options);
    return response;
  }

  #url(path: string, method: string, params: Params | undefined): URL {
    const url = new URL(path, `${this.#origin}/`);
    if (params !== undefined && QUERY_METHODS.has(method)) {
      for (const [name, value] of encodeParams(params)) url.searchParams.append(name, value);
    }
    return url;
  }
}

function requestBody(
  method: string,
  options: TestRequestOptions,
  headers: Headers,
): string | Uint8Array | undefined {
  if (options.json !== undefined) {
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
    return JSON.stringify(options.json);
  }
  if (options.params !== undefined && !QUERY_METHODS.has(method)) {
    if (!headers.has('content-type'))
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
    return encodeParams(options.params).toString();
  }
  return options.body;
}

function encodeParams(params: Params): URLSearchParams {
  if (typeof params === 'string' || params instanceof URLSearchParams)
    return new URLSearchParams(params);
  const encoded = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null) encoded.append(name, String(one));
    }
  }
  return encoded;
}

/** WebTest's rule: an explicit `status` must match; otherwise 4xx and 5xx are errors. */
function checkStatus(response: TestResponse, options: TestRequestOptions): void {
  const expected = options.status;
  const { status } = response;
  let problem: string | null = null;
  if (expected !== undefined && expected !== '*') {
    const allowed = typeof expected === 'number' ? [expected] : expected;
    if (!allowed.includes(status)) problem = `expected ${allowed.join(' or ')}`;
  } else if (expected === undefined && !options.expectErrors && status >= 400) {
    problem =
      'expected 2xx or 3xx; pass { status } or { expectErrors: true } if an error is expected';
  }
  if (problem === null) return;
  const reason = response.statusText ? ` ${response.statusText}` : '';
  throw new TestAppError(
    `Bad response: ${response.request} → ${status}${reason} (${problem})\n${excerpt(response.text)}`,
    response,
  );
}

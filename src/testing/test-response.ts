/** The answer to a TestApp request: the Fetch response, read, plus Pecan's test-only record (§3.8). */

export interface TestResponseInit {
  method: string;
  path: string;
  status: number;
  statusText: string;
  headers: Headers;
  body: Buffer;
  namespace: unknown;
  templateName: string | null | undefined;
  /** Sends the request that follows a redirect (TestApp supplies it). */
  follow: (location: string) => Promise<TestResponse>;
}

export class TestResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** The body bytes. */
  readonly body: Buffer;
  /** What the controller returned, before rendering (Pecan's `namespace`, §3.8). */
  readonly namespace: unknown;
  /** The template the result was rendered with, `null` for none (Pecan's `template_name`). */
  readonly templateName: string | null | undefined;
  /** The request that produced this response, e.g. `GET /books`. */
  readonly request: string;
  readonly #follow: TestResponseInit['follow'];
  #text: string | undefined;

  constructor(init: TestResponseInit) {
    this.status = init.status;
    this.statusText = init.statusText;
    this.headers = init.headers;
    this.body = init.body;
    this.namespace = init.namespace;
    this.templateName = init.templateName;
    this.request = `${init.method} ${init.path}`;
    this.#follow = init.follow;
  }

  /** The body decoded as UTF-8. */
  get text(): string {
    return (this.#text ??= this.body.toString('utf8'));
  }

  /** The body parsed as JSON; an error that shows the body when it is not JSON. */
  get json(): unknown {
    try {
      return JSON.parse(this.text) as unknown;
    } catch {
      throw new Error(
        `${this.request} → ${this.status}: the body is not JSON (Content-Type: ${this.contentType ?? 'none'}): ${excerpt(this.text)}`,
      );
    }
  }

  get contentType(): string | null {
    return this.headers.get('content-type');
  }

  get location(): string | null {
    return this.headers.get('location');
  }

  /** Follows a redirect with a GET to its `Location` (WebTest's `follow()`). */
  follow(): Promise<TestResponse> {
    const location = this.location;
    if (this.status < 300 || this.status >= 400 || location === null)
      return Promise.reject(
        new Error(`${this.request} → ${this.status}: not a redirect, there is nothing to follow`),
      );
    return this.#follow(location);
  }
}

/** The start of a body, on one line, for error messages. */
export function excerpt(text: string, limit = 500): string {
  if (text === '') return '(empty body)';
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} characters)`;
}

import { ResponseHeaders, checkHeaderValue } from './headers.js';
import { serializeCookie, type CookieOptions } from './cookies.js';
import { statusReason } from './status.js';
import { statusError } from './pecan-errors.js';

/** What a response body can be: bytes, text, or a stream of chunks. */
export type ResponseBody =
  | string
  | Uint8Array
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | ReadableStream<Uint8Array>
  | null;

// §3.2 step 7: WebOb adds a charset to text types (and a few textual application types).
const CHARSET_TYPES = new Set([
  'application/xml',
  'application/javascript',
  'application/ecmascript',
]);

export function withCharset(contentType: string): string {
  if (contentType.includes(';')) return contentType;
  if (
    contentType.startsWith('text/') ||
    CHARSET_TYPES.has(contentType) ||
    contentType.endsWith('+xml')
  ) {
    return `${contentType}; charset=UTF-8`;
  }
  return contentType;
}

// A response's Content-Type is one of a few values (those the controllers declare): each is
// checked and given its charset once. Bounded, as a type may also come from a request.
const headerValues = new Map<string, string>();
const MAX_CACHED_TYPES = 256;

/** `withCharset(contentType)`, checked as a header value; computed once per content type. */
export function contentTypeHeader(contentType: string): string {
  let value = headerValues.get(contentType);
  if (value === undefined) {
    value = checkHeaderValue('Content-Type', withCharset(contentType));
    if (headerValues.size < MAX_CACHED_TYPES) headerValues.set(contentType, value);
  }
  return value;
}

/**
 * The response being built for the current request (`pecan.response`). Controllers set
 * `status`, headers, cookies or a body on it; the lifecycle fills the body from the
 * controller's return value.
 */
export class PecanResponse {
  status = 200;
  /** A custom reason phrase, from `status = '418 I am a teapot'`. */
  statusText: string | null = null;
  readonly headers: ResponseHeaders;
  body: ResponseBody = null;

  constructor(
    body: ResponseBody = null,
    init?: { status?: number; headers?: Record<string, string> },
  ) {
    this.body = body;
    this.headers = new ResponseHeaders(init?.headers);
    if (init?.status !== undefined) this.status = init.status;
  }

  /** Sets the status from a number or a full status line such as `'418 I am a teapot'`. */
  setStatus(status: number | string): void {
    if (typeof status === 'number') {
      this.status = status;
      this.statusText = null;
      return;
    }
    const match = /^(\d{3})(?:\s+(.*))?$/.exec(status.trim());
    if (!match) throw statusError(status);
    this.status = Number(match[1]);
    this.statusText = match[2] ?? null;
  }

  get reason(): string {
    return this.statusText ?? statusReason(this.status) ?? '';
  }

  get contentType(): string | null {
    return this.headers.get('content-type');
  }

  set contentType(value: string | null) {
    if (value === null) this.headers.delete('content-type');
    else this.headers.set('Content-Type', withCharset(value));
  }

  /** The body as text (for strings and byte bodies; `''` for streams). */
  get text(): string {
    const body = this.body;
    if (typeof body === 'string') return body;
    if (body instanceof Uint8Array)
      return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    return '';
  }

  set text(value: string) {
    this.body = value;
  }

  /** Sets a JSON body and its content type. */
  set json(value: unknown) {
    this.body = JSON.stringify(value);
    this.headers.setContentType('application/json');
  }

  get json(): unknown {
    const text = this.text;
    return text === '' ? undefined : JSON.parse(text);
  }

  setCookie(name: string, value: string, options?: CookieOptions): void {
    this.headers.append('Set-Cookie', serializeCookie(name, value, options));
  }

  deleteCookie(name: string, options?: Omit<CookieOptions, 'maxAge' | 'expires'>): void {
    this.headers.append(
      'Set-Cookie',
      serializeCookie(name, '', { ...options, maxAge: 0, expires: new Date(0) }),
    );
  }
}

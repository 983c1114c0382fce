import { statusReason } from './status.js';
import { abortStatusError } from './pecan-errors.js';
import type { FieldError } from './standard-schema.js';

/** Headers accepted by `abort()` and `redirect()`: a plain object or anything iterable as pairs. */
export type HeadersInit = Record<string, string> | Iterable<[string, string]>;

export interface HTTPErrorOptions {
  detail?: string;
  headers?: HeadersInit;
  /** Appears in the plain-text body and as an HTML comment (WebOb's `comment`). */
  comment?: string;
  /** Location for 3xx responses. */
  location?: string;
  /** Failing fields of a validation error (400): listed by the JSON body, one line each in text. */
  errors?: readonly FieldError[];
}

/**
 * An HTTP error that becomes the response (WebOb's HTTPException, §8.1).
 * `detail` is `undefined` for errors raised by routing and `''` for a bare `abort(n)` (§7.5).
 */
export class HTTPError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly comment: string | undefined;
  readonly headers: [string, string][];
  readonly errors: readonly FieldError[] | undefined;
  location: string | undefined;

  constructor(status: number, detailOrOptions?: string | HTTPErrorOptions) {
    const options: HTTPErrorOptions =
      typeof detailOrOptions === 'string' ? { detail: detailOrOptions } : (detailOrOptions ?? {});
    const title = statusReason(status);
    if (title === undefined || status < 300 || status > 599) {
      // §7.5: an unknown code is a programming error (Pecan: KeyError → 500).
      throw abortStatusError(status);
    }
    super(options.detail ? `${status} ${title}: ${options.detail}` : `${status} ${title}`);
    this.name = 'HTTPError';
    this.status = status;
    this.title = title;
    this.detail = options.detail;
    this.comment = options.comment;
    this.location = options.location;
    this.headers = options.headers ? headerPairs(options.headers) : [];
    this.errors = options.errors;
  }
}

function headerPairs(init: HeadersInit): [string, string][] {
  if (Symbol.iterator in init) return Array.from(init as Iterable<[string, string]>);
  return Object.entries(init);
}

/** Thrown by `redirect(path, { internal: true })`; the app re-dispatches the request (§7.6). */
export class InternalRedirect extends Error {
  constructor(readonly location: string) {
    super(`internal redirect to ${location}`);
    this.name = 'InternalRedirect';
  }
}

/** `abort(status, detail?, headers?)` — throw the HTTP error for `status` (§7.5). */
export function abort(
  status: number,
  detail: string = '',
  headers?: HeadersInit,
  comment?: string,
): never {
  throw new HTTPError(status, { detail, headers, comment });
}

// The body of an HTTP error response (DESIGN §4 "Details of the contract", reference §8.1).
// Plain text and HTML reproduce WebOb's templates byte for byte: WebOb fills one HTML fragment
// and derives the plain text from it by stripping tags, so we do the same rather than keep two
// templates that could drift apart.
import { bestOffer } from './accept.js';
import { locationExplanation, statusExplanation } from './status.js';
import type { FieldError } from './standard-schema.js';

export interface ErrorLike {
  status: number;
  title: string;
  detail: string | undefined;
  comment?: string | undefined;
  location?: string | undefined;
  errors?: readonly FieldError[] | undefined;
}

/**
 * What WebOb reads from the request for the statuses whose sentence names it: the method
 * (405, 501), the Accept value (406) and the request Content-Type (415). Optional: without it
 * those sentences leave the subject out.
 */
export interface ErrorRequestInfo {
  method?: string | undefined;
  accept?: string | null | undefined;
  contentType?: string | null | undefined;
}

export type ErrorFormat = 'text' | 'html' | 'json';

const ERROR_OFFERS: readonly string[] = ['text/plain', 'text/html', 'application/json'];

/**
 * DESIGN §4 + §8.1 step 1: negotiate Accept against text/plain, text/html, application/json
 * (ties go to the earlier offer). A missing or empty header, the full wildcard, or nothing
 * acceptable → text. WebOb's second negotiation (which makes the full wildcard HTML in Python
 * Pecan) is not ported: DESIGN §4 wins.
 */
export function errorFormat(accept: string | null | undefined): ErrorFormat {
  if (!accept) return 'text';
  const offer = bestOffer(accept, ERROR_OFFERS);
  if (offer === 'text/html') return 'html';
  if (offer === 'application/json') return 'json';
  return 'text';
}

type Escape = (value: string) => string;

const identity: Escape = (value) => value;

const HTML_SPECIAL = /[&<>"'\u{80}-\u{10ffff}]/gu;

// Python's html.escape(quote=True), then non-ASCII as decimal character references
// (WebOb's `xmlcharrefreplace`).
function escapeHtml(value: string): string {
  return value.replace(HTML_SPECIAL, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&#x27;';
      default:
        return `&#${c.codePointAt(0) ?? 0};`;
    }
  });
}

function subjectOf(status: number, request: ErrorRequestInfo | undefined): string | undefined {
  if (request === undefined) return undefined;
  const value =
    status === 406 ? request.accept : status === 415 ? request.contentType : request.method;
  return value || undefined;
}

/** WebOb's body fragment for `error`, with user text passed through `escape`. */
function fragment(error: ErrorLike, escape: Escape, request: ErrorRequestInfo | undefined): string {
  const { status } = error;
  const detail = escape(error.detail ?? '');
  const comment = error.comment ? `<!-- ${escape(error.comment)} -->` : '';
  const moved = locationExplanation(status);
  if (moved !== undefined && error.location !== undefined) {
    const url = escape(error.location);
    return (
      `${escape(moved)} <a href="${url}">${url}</a>;\n` +
      `you should be redirected automatically.\n${detail}\n${comment}`
    );
  }
  const subject = status === 405 || status === 406 || status === 415 || status === 501;
  const named = subject ? subjectOf(status, request) : undefined;
  // These four have their own WebOb templates, which show no comment; line breaks are WebOb's.
  if (named !== undefined) {
    const s = escape(named);
    if (status === 405) {
      return `The method ${s} is not allowed for this resource. <br /><br />\n${detail}`;
    }
    if (status === 406) {
      return (
        'The resource could not be generated that was acceptable to your browser\n' +
        `(content of type ${s}. <br /><br />\n${detail}`
      );
    }
    if (status === 415) {
      return `The request media type ${s} is not supported by this server.\n<br /><br />\n${detail}`;
    }
    return `\nThe request method ${s} is not implemented for this server. <br /><br />\n${detail}`;
  }
  return `${escape(statusExplanation(status))}<br /><br />\n${detail}\n${comment}\n`;
}

const BR = /<br[\s\S]*?>/gi;
const COMMENT_MARK = /<!--|-->/g;
const TAG = /<[\s\S]*?>/g;

// WebOb's strip_tags, in its order: newlines become spaces, <br> becomes a newline, comment
// markers go (their text stays), then every other tag goes — the detail's included.
function stripTags(html: string): string {
  return html
    .replaceAll('\n', ' ')
    .replaceAll('\r', '')
    .replace(BR, '\n')
    .replace(COMMENT_MARK, '')
    .replace(TAG, '');
}

/**
 * The error response's body and Content-Type in `format` (§8.1 "Exact shapes"). JSON is
 * Pecan's `{code, title, description}` where description is the detail (`null` when there is
 * none, as for a routing 404; `""` after a bare `abort(404)`, §7.5).
 */
export function renderErrorBody(
  error: ErrorLike,
  format: ErrorFormat,
  request?: ErrorRequestInfo,
): { contentType: string; body: string } {
  const statusLine = `${error.status} ${error.title}`;
  if (format === 'json') {
    const description = error.detail ?? null;
    const { status: code, title, errors } = error;
    return {
      contentType: 'application/json',
      // A validation error adds its failing fields (docs/typed-apis.md "When input is invalid").
      body: JSON.stringify(
        errors === undefined ? { code, title, description } : { code, title, description, errors },
      ),
    };
  }
  if (format === 'html') {
    const title = escapeHtml(statusLine);
    const body = fragment(error, escapeHtml, request);
    return {
      contentType: 'text/html; charset=UTF-8',
      body:
        `<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n` +
        `  <h1>${title}</h1>\n  ${body}\n </body>\n</html>`,
    };
  }
  return {
    contentType: 'text/plain; charset=UTF-8',
    body: `${statusLine}\n\n${stripTags(fragment(error, identity, request))}`,
  };
}

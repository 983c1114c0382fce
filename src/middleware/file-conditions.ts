// Conditional and range requests for static files (RFC 9110 §13 and §14). Pecan's
// StaticFileMiddleware supports neither (§13 "Not supported"); these are additions.
import type { RequestHeaders } from '../core/request.js';

/** A validator that changes when the file does: size and modification time, like nginx's. */
export function entityTag(size: number, mtimeMs: number): string {
  return `"${Math.floor(mtimeMs).toString(16)}-${size.toString(16)}"`;
}

/** Whole seconds: HTTP dates have no finer resolution. */
function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * RFC 9110 §13.2.2: If-None-Match (weak comparison, `*` matches) decides when present;
 * otherwise If-Modified-Since. True → answer 304.
 */
export function isNotModified(headers: RequestHeaders, etag: string, mtimeMs: number): boolean {
  const noneMatch = headers.get('if-none-match');
  if (noneMatch !== null) {
    const weak = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
    return noneMatch
      .split(',')
      .map((tag) => tag.trim())
      .some((tag) => tag === '*' || weak(tag) === weak(etag));
  }
  const since = headers.get('if-modified-since');
  if (since === null) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && seconds(mtimeMs) <= seconds(date);
}

/** The bytes to send: a range, the whole file, or none (416). */
export type RangeChoice = { start: number; end: number } | 'whole' | 'unsatisfiable';

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/i;

/**
 * RFC 9110 §14.2: one `bytes=` range (`a-b`, `a-`, `-n`). Several ranges, a malformed header or
 * a failed If-Range are answered with the whole file, as the RFC allows.
 */
export function chooseRange(
  headers: RequestHeaders,
  size: number,
  etag: string,
  mtimeMs: number,
): RangeChoice {
  const range = headers.get('range');
  if (range === null) return 'whole';
  const ifRange = headers.get('if-range');
  if (ifRange !== null && !ifRangeHolds(ifRange.trim(), etag, mtimeMs)) return 'whole';
  const match = SINGLE_RANGE.exec(range.trim());
  if (match === null) return 'whole';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'whole';
  if (first === '') {
    // A suffix: the last n bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return 'whole';
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** If-Range: a strong ETag match, or the exact Last-Modified date. */
function ifRangeHolds(value: string, etag: string, mtimeMs: number): boolean {
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && seconds(date) === seconds(mtimeMs);
}

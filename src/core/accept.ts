// Accept negotiation: WebOb's `acceptable_offers` (RFC 7231 §5.3.2) plus Pecan's prefix
// fallback (§3.3). A hand-written scanner instead of WebOb's regexes: one pass, no backtracking,
// and it stops after MAX_RANGES ranges so a hostile header costs bounded work.

/** Ranges read from one header; the rest of a longer header is ignored. */
const MAX_RANGES = 64;
/** Headers longer than this are negotiated but not remembered. */
const MAX_CACHED_HEADER = 512;
/** Distinct headers remembered per offer list before the memory is cleared. */
const MAX_CACHED_RESULTS = 64;

/** One media range (or one offer): lower-cased, parameters canonical (`a=1;b=2`, sorted). */
export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: string;
  readonly q: number;
}

const COMMA = 44;
const SEMICOLON = 59;
const SLASH = 47;
const EQUALS = 61;
const QUOTE = 34;
const BACKSLASH = 92;

// RFC 7230 §3.2.6 tchar.
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) TCHAR[c] = TCHAR[c + 32] = 1;

function tokenEnd(s: string, i: number): number {
  while (i < s.length && TCHAR[s.charCodeAt(i)] === 1) i++;
  return i;
}

function skipSpace(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 32 || c === 9) c = s.charCodeAt(++i);
  return i;
}

/** Index just past the closing quote of the quoted-string at `i`, or -1 if unterminated. */
function quotedEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

const QUOTED_PAIR = /\\(.)/gs;

// RFC 7231 §5.3.1 qvalue, lenient about the number of decimals; q above 1 is invalid.
const QVALUE = /^(?:[01](?:\.\d*)?|\.\d+)$/;

/**
 * Parse an Accept header into its media ranges, in header order. Returns `null` for a header
 * WebOb would call invalid (a range without `type/subtype`, stray characters, a bad q), and an
 * empty array for a header with no ranges. Whitespace around `;` and `=` and letter case are
 * tolerated; a parameter without a value counts as an empty value.
 */
export function parseAccept(header: string): MediaRange[] | null {
  const ranges: MediaRange[] = [];
  const n = header.length;
  let i = 0;
  while (ranges.length < MAX_RANGES) {
    i = skipSpace(header, i);
    if (i >= n) break;
    if (header.charCodeAt(i) === COMMA) {
      i++; // RFC 7230 §7: empty list elements are allowed
      continue;
    }
    let end = tokenEnd(header, i);
    if (end === i || header.charCodeAt(end) !== SLASH) return null;
    const type = header.slice(i, end).toLowerCase();
    i = end + 1;
    end = tokenEnd(header, i);
    if (end === i) return null;
    const subtype = header.slice(i, end).toLowerCase();
    i = end;
    let q = 1;
    let weighted = false;
    let params: string[] | undefined;
    for (;;) {
      i = skipSpace(header, i);
      if (i >= n || header.charCodeAt(i) === COMMA) break;
      if (header.charCodeAt(i) !== SEMICOLON) return null;
      i = skipSpace(header, i + 1);
      end = tokenEnd(header, i);
      if (end === i) continue; // `text/html;` — an empty parameter, ignored
      const name = header.slice(i, end).toLowerCase();
      i = skipSpace(header, end);
      let value = '';
      if (header.charCodeAt(i) === EQUALS) {
        i = skipSpace(header, i + 1);
        if (header.charCodeAt(i) === QUOTE) {
          end = quotedEnd(header, i);
          if (end < 0) return null;
          value = header.slice(i + 1, end - 1).replace(QUOTED_PAIR, '$1');
        } else {
          end = tokenEnd(header, i);
          value = header.slice(i, end);
        }
        i = end;
      }
      // RFC 7231 §5.3.2: parameters after q are accept-extensions and do not select a type.
      if (weighted) continue;
      if (name === 'q') {
        if (!QVALUE.test(value)) return null;
        q = Number(value);
        if (q > 1) return null;
        weighted = true;
      } else {
        (params ??= []).push(`${name}=${value.toLowerCase()}`);
      }
    }
    ranges.push({ type, subtype, params: params === undefined ? '' : params.sort().join(';'), q });
  }
  return ranges;
}

function parseOffer(offer: string): MediaRange {
  const parsed = parseAccept(offer)?.[0];
  // Offers come from code; one that is not a media type can only be matched by `*/*`.
  return parsed ?? { type: offer.toLowerCase(), subtype: '', params: '', q: 1 };
}

/**
 * The q the header gives `offer`, taken from its most specific matching range (the first of
 * equally specific ones, as WebOb does); -1 when no range matches.
 */
function qualityOf(offer: MediaRange, ranges: readonly MediaRange[]): number {
  let specificity = 0;
  let q = -1;
  for (const range of ranges) {
    let s: number;
    if (range.type === offer.type && range.subtype === offer.subtype) {
      if (range.params === '') s = 3;
      else if (range.params === offer.params) s = 4;
      else continue;
    } else if (range.subtype === '*' && range.type === offer.type) s = 2;
    else if (range.type === '*' && range.subtype === '*') s = 1;
    else continue;
    if (s > specificity) {
      specificity = s;
      q = range.q;
    }
  }
  return q;
}

function isBoundary(c: number): boolean {
  return Number.isNaN(c) || c === SEMICOLON || c === COMMA || c === 32 || c === 9;
}

/**
 * §3.3 prefix fallback: a range with parameters matches no plain offer, so Pecan picks the
 * first offer the raw header starts with (`application/json;discard=me`). Unlike Pecan, the
 * offer must end at a delimiter and a first range with q=0 stays a refusal.
 */
function prefixFallback(
  accept: string,
  offers: readonly string[],
  first: MediaRange,
): string | null {
  if (first.q === 0) return null;
  const raw = accept.trimStart().toLowerCase();
  for (const offer of offers) {
    const lower = offer.toLowerCase();
    if (raw.startsWith(lower) && isBoundary(raw.charCodeAt(lower.length))) return offer;
  }
  return null;
}

function negotiate(
  accept: string,
  offers: readonly string[],
  parsed: readonly MediaRange[],
): string | null {
  const ranges = parseAccept(accept);
  // §3.3 step 5: WebOb finds every offer acceptable for an invalid header. A header with no
  // ranges at all says nothing, like a missing one.
  if (ranges === null || ranges.length === 0) return offers[0] ?? null;
  let best = -1;
  let bestQ = 0;
  for (let k = 0; k < parsed.length; k++) {
    const q = qualityOf(parsed[k] as MediaRange, ranges);
    if (q > bestQ) {
      // strictly greater: ties keep the earlier offer
      bestQ = q;
      best = k;
    }
  }
  if (best >= 0) return offers[best] ?? null;
  return prefixFallback(accept, offers, ranges[0] as MediaRange);
}

interface OfferMemo {
  readonly length: number;
  readonly parsed: readonly MediaRange[];
  readonly results: Map<string, string | null>;
}

// Offer lists live in controller metadata and browsers repeat a handful of Accept values, so
// both the parsed offers and the answers are remembered per offer list (by identity).
const memos = new WeakMap<readonly string[], OfferMemo>();

function memoFor(offers: readonly string[]): OfferMemo {
  let memo = memos.get(offers);
  if (memo === undefined || memo.length !== offers.length) {
    memo = { length: offers.length, parsed: offers.map(parseOffer), results: new Map() };
    memos.set(offers, memo);
  }
  return memo;
}

/**
 * The best offer for the Accept header, or `null` when none is acceptable (§3.3). Highest q
 * wins, the most specific range decides an offer's q, q=0 excludes, ties go to the earlier
 * offer; then Pecan's prefix fallback. An invalid header accepts everything (first offer).
 * Never throws. Treat `offers` arrays as immutable: answers are remembered per array.
 */
export function bestOffer(accept: string, offers: readonly string[]): string | null {
  if (offers.length === 0) return null;
  if (typeof accept !== 'string' || accept === '') return offers[0] ?? null;
  const memo = memoFor(offers);
  if (accept.length > MAX_CACHED_HEADER) return negotiate(accept, offers, memo.parsed);
  const known = memo.results.get(accept);
  if (known !== undefined) return known;
  const result = negotiate(accept, offers, memo.parsed);
  if (memo.results.size >= MAX_CACHED_RESULTS) memo.results.clear();
  memo.results.set(accept, result);
  return result;
}

import { describe, it, expect } from 'vitest';
import { bestOffer, parseAccept } from '../../src/core/accept.js';

const HTML_JSON = ['text/html', 'application/json'];
const JSON_HTML = ['application/json', 'text/html'];

describe('bestOffer: quality', () => {
  it('picks the offer with the highest q', () => {
    expect(bestOffer('text/html;q=0.1, application/json;q=0.2', HTML_JSON)).toBe(
      'application/json',
    );
  });

  it('gives ties to the earlier offer', () => {
    expect(bestOffer('application/json, text/html', HTML_JSON)).toBe('text/html');
    expect(bestOffer('text/html, application/json', JSON_HTML)).toBe('application/json');
  });

  it('matches type/* against offers of that type', () => {
    expect(bestOffer('text/*', JSON_HTML)).toBe('text/html');
    expect(bestOffer('application/*', HTML_JSON)).toBe('application/json');
  });

  it('matches */* against every offer', () => {
    expect(bestOffer('*/*', JSON_HTML)).toBe('application/json');
  });

  it('lets a specific range override a wildcard for the same offer', () => {
    // text/html takes q=0.1 from its own range, not 1 from text/*
    expect(bestOffer('text/*, text/html;q=0.1', ['text/html', 'text/plain'])).toBe('text/plain');
  });

  it('lets type/* override */*', () => {
    expect(bestOffer('*/*;q=0.9, application/*;q=0.2', HTML_JSON)).toBe('text/html');
  });

  it('excludes an offer given q=0', () => {
    expect(bestOffer('text/html;q=0, */*', HTML_JSON)).toBe('application/json');
  });

  it('returns null when q=0 excludes every offer', () => {
    expect(bestOffer('*/*;q=0', HTML_JSON)).toBeNull();
  });

  it('takes the q of the first of two equally specific ranges', () => {
    expect(bestOffer('text/html;q=0, text/html', ['text/html'])).toBeNull();
  });

  it('serves the browser header with its */*;q=0.8 to a JSON-only endpoint', () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    expect(bestOffer(browser, ['application/json'])).toBe('application/json');
  });

  it('returns null when no range matches any offer', () => {
    expect(bestOffer('text/html,application/xhtml+xml', ['application/json'])).toBeNull();
    expect(bestOffer('image/png', ['text/html'])).toBeNull();
  });
});

describe('bestOffer: media-range parameters', () => {
  it('matches a range with parameters only to an offer with the same parameters', () => {
    expect(bestOffer('text/html;level=1', ['text/html', 'text/html;level=1'])).toBe(
      'text/html;level=1',
    );
  });

  it('ranks an exact parameter match above a bare type match', () => {
    const offers = ['text/html;level=1', 'text/html;level=2'];
    expect(bestOffer('text/html;q=0.5, text/html;level=2', offers)).toBe('text/html;level=2');
  });

  it('matches a bare range to an offer with parameters', () => {
    expect(bestOffer('text/html', ['text/html;charset=utf-8'])).toBe('text/html;charset=utf-8');
  });

  it('ignores extension parameters after q', () => {
    expect(bestOffer('text/html;q=0.5;foo=bar, application/json;q=0.4', HTML_JSON)).toBe(
      'text/html',
    );
  });

  it('reads quoted parameter values', () => {
    expect(bestOffer('text/html;level="1, 2"', ['text/html;level="1, 2"'])).toBe(
      'text/html;level="1, 2"',
    );
  });
});

describe('bestOffer: Pecan prefix fallback (§3.3)', () => {
  it('returns the offer the raw header starts with when parameters kept it from matching', () => {
    expect(bestOffer('application/json;discard=me', HTML_JSON)).toBe('application/json');
  });

  it('takes the first such offer in offer order', () => {
    expect(bestOffer('text/html;x=1', ['text/html', 'text/html'])).toBe('text/html');
  });

  it('requires the offer to end at a delimiter', () => {
    expect(bestOffer('application/jsonx;a=b', ['application/json'])).toBeNull();
  });

  it('does not override a q=0 refusal', () => {
    expect(bestOffer('application/json;q=0', ['application/json'])).toBeNull();
  });

  it('tolerates leading whitespace and case', () => {
    expect(bestOffer('  Application/JSON;discard=me', ['application/json'])).toBe(
      'application/json',
    );
  });
});

describe('bestOffer: malformed and edge input', () => {
  it('accepts every offer for an unparseable header (first offer)', () => {
    expect(bestOffer('garbage', JSON_HTML)).toBe('application/json');
  });

  it('treats one bad range as making the whole header invalid, as WebOb does', () => {
    expect(bestOffer('image/png, garbage', ['text/html'])).toBe('text/html');
  });

  it('treats a q above 1 as invalid', () => {
    expect(bestOffer('image/png;q=2', ['text/html'])).toBe('text/html');
  });

  it('treats an unterminated quoted string as invalid', () => {
    expect(bestOffer('image/png;a="x', ['text/html'])).toBe('text/html');
  });

  it('returns the first offer for an empty or blank header', () => {
    expect(bestOffer('', JSON_HTML)).toBe('application/json');
    expect(bestOffer('  , ,', JSON_HTML)).toBe('application/json');
  });

  it('returns null when there are no offers', () => {
    expect(bestOffer('*/*', [])).toBeNull();
  });

  it('is lenient with whitespace and case', () => {
    expect(bestOffer('  TEXT/HTML ; Q = 0.1 ,Application/Json;q=0.2  ', HTML_JSON)).toBe(
      'application/json',
    );
  });

  it('matches offers case-insensitively and returns them as given', () => {
    expect(bestOffer('application/json', ['Application/JSON'])).toBe('Application/JSON');
  });

  it('accepts q values with more than three decimals', () => {
    expect(bestOffer('text/html;q=0.1234, application/json;q=0.1235', HTML_JSON)).toBe(
      'application/json',
    );
  });

  it('remembers answers per header, not per offer list alone', () => {
    const offers = ['text/html', 'application/json'];
    for (let round = 0; round < 2; round++) {
      expect(bestOffer('application/json', offers)).toBe('application/json');
      expect(bestOffer('text/html', offers)).toBe('text/html');
    }
  });

  it('notices an offer list that grew since it was remembered', () => {
    const offers = ['text/html'];
    expect(bestOffer('application/json', offers)).toBeNull();
    offers.push('application/json');
    expect(bestOffer('application/json', offers)).toBe('application/json');
  });

  it('keeps answering correctly after remembering many distinct headers', () => {
    const offers = ['text/html', 'application/json'];
    for (let i = 0; i < 200; i++) {
      expect(bestOffer(`application/json;q=0.${(i % 9) + 1}, x/y${i}`, offers)).toBe(
        'application/json',
      );
    }
  });

  it('reads only the first 64 ranges of a huge header', () => {
    const header = `${Array.from({ length: 64 }, () => 'image/png').join(',')},application/json`;
    expect(bestOffer(header, ['application/json'])).toBeNull();
    expect(bestOffer(`${header},garbage`, ['application/json'])).toBeNull();
  });

  it('reads a range with a huge number of parameters', () => {
    const header = 'a/b;' + 'x=y;'.repeat(50_000) + 'q=0.5, text/html';
    expect(bestOffer(header, ['text/html'])).toBe('text/html');
  });

  it('never throws on odd characters', () => {
    for (const header of ['/', 'a/', '/b', ';', 'a/b;=', 'a/b;q', 'a/b c', '\u0000', 'é/ü']) {
      expect(() => bestOffer(header, ['text/html'])).not.toThrow();
    }
  });
});

describe('parseAccept', () => {
  it('reads type, subtype, canonical parameters and q', () => {
    expect(parseAccept('Text/HTML; Level=1; charset=UTF-8 ;q=0.5')).toEqual([
      { type: 'text', subtype: 'html', params: 'charset=utf-8;level=1', q: 0.5 },
    ]);
  });

  it('returns null for a range without a slash', () => {
    expect(parseAccept('garbage')).toBeNull();
  });

  it('returns an empty list for a header of empty elements', () => {
    expect(parseAccept(' , ,')).toEqual([]);
  });
});

import { describe, it, expect } from 'vitest';
import { HTTPError } from '../../src/core/errors.js';
import {
  addParam,
  createParams,
  decodePath,
  MAX_PARAMS,
  parseParamString,
  parseQuery,
} from '../../src/core/params.js';

/** The HTTPError `fn` throws (fails the test if it throws nothing or something else). */
function httpErrorOf(fn: () => unknown): HTTPError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HTTPError);
    return error as HTTPError;
  }
  throw new Error('expected an HTTPError');
}

describe('addParam', () => {
  it('keeps a name seen once as a single value', () => {
    const params = createParams();
    addParam(params, 'a', '1');
    expect(params.a).toBe('1');
  });

  it('turns a repeated name into an array in arrival order', () => {
    const params = createParams();
    addParam(params, 'a', '1');
    addParam(params, 'a', '2');
    addParam(params, 'a', '3');
    expect(params.a).toEqual(['1', '2', '3']);
  });

  it('treats a JSON array value as one value when the name repeats', () => {
    const params = createParams();
    addParam(params, 'a', 'q');
    addParam(params, 'a', [1, 2]);
    addParam(params, 'a', [3]);
    expect(params.a).toEqual(['q', [1, 2], [3]]);
  });

  it('wraps a first value that is an array instead of appending to it', () => {
    const params = createParams();
    const first = ['x', 'y'];
    addParam(params, 'a', first);
    addParam(params, 'a', 'z');
    expect(params.a).toEqual([['x', 'y'], 'z']);
    expect(first).toEqual(['x', 'y']);
  });

  it('builds params with a null prototype', () => {
    expect(Object.getPrototypeOf(createParams())).toBeNull();
  });

  it('stores __proto__ as an own data property without touching prototypes', () => {
    const params = createParams();
    addParam(params, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.keys(params)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores __proto__ as data even on an object that has a prototype', () => {
    const params: Record<string, unknown> = {};
    addParam(params, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.hasOwn(params, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not mistake an inherited name for a repeated one', () => {
    const params: Record<string, unknown> = {};
    addParam(params, 'constructor', 'x');
    expect(params.constructor).toBe('x');
  });
});

describe('parseQuery', () => {
  it('reads name=value pairs', () => {
    expect({ ...parseQuery('a=1&b=two') }).toEqual({ a: '1', b: 'two' });
  });

  it('collects repeated names into arrays', () => {
    expect(parseQuery('a=1&b=x&a=2').a).toEqual(['1', '2']);
  });

  it('decodes + as a space', () => {
    expect(parseQuery('name=John+Smith').name).toBe('John Smith');
  });

  it('decodes %2B as a literal plus', () => {
    expect(parseQuery('q=1%2B1').q).toBe('1+1');
  });

  it('decodes + in names too', () => {
    expect(parseQuery('first+name=a')['first name']).toBe('a');
  });

  it('decodes percent-encoded UTF-8', () => {
    expect(parseQuery('nut=%F0%9F%8C%B0').nut).toBe('\u{1F330}');
  });

  it('decodes percent escapes in names', () => {
    expect(parseQuery('caf%C3%A9=1')['café']).toBe('1');
  });

  it('keeps an empty value as the empty string', () => {
    expect(parseQuery('id=').id).toBe('');
  });

  it('reads a name without = as the empty string', () => {
    expect(parseQuery('flag').flag).toBe('');
  });

  it('keeps only the first = as the separator', () => {
    expect(parseQuery('eq=a=b').eq).toBe('a=b');
  });

  it('skips empty pieces between ampersands', () => {
    expect(Object.keys(parseQuery('&a=1&&b=2&'))).toEqual(['a', 'b']);
  });

  it('keeps an empty name', () => {
    expect(parseQuery('=x')['']).toBe('x');
  });

  it('leaves a malformed escape as literal text', () => {
    expect(parseQuery('a=%zz').a).toBe('%zz');
  });

  it('leaves a truncated escape at the end as literal text', () => {
    expect(parseQuery('a=100%').a).toBe('100%');
  });

  it('decodes valid escapes next to a malformed one', () => {
    expect(parseQuery('a=%zz%C3%A9').a).toBe('%zzé');
  });

  it('rejects invalid UTF-8 with a 400', () => {
    const error = httpErrorOf(() => parseQuery('a=%ff'));
    expect(error.status).toBe(400);
    expect(error.detail).toBe('Invalid query string: not UTF-8 encoded');
  });

  it('rejects invalid UTF-8 in a name with a 400', () => {
    expect(httpErrorOf(() => parseQuery('%C3=1')).status).toBe(400);
  });

  it('rejects invalid UTF-8 beside a malformed escape with a 400', () => {
    expect(httpErrorOf(() => parseQuery('a=%zz%ff')).status).toBe(400);
  });

  it('rejects an encoded surrogate half with a 400', () => {
    expect(httpErrorOf(() => parseQuery('a=%ED%A0%80')).status).toBe(400);
  });

  it('keeps __proto__ and constructor keys as plain data', () => {
    const params = parseQuery('__proto__=x&constructor=y&__proto__[polluted]=1');
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(params.__proto__).toBe('x');
    expect(params.constructor).toBe('y');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts exactly MAX_PARAMS parameters', () => {
    const qs = Array.from({ length: MAX_PARAMS }, (_, i) => `p${i}=1`).join('&');
    expect(Object.keys(parseQuery(qs))).toHaveLength(MAX_PARAMS);
  });

  it('rejects more than MAX_PARAMS parameters with a 400', () => {
    const qs = Array.from({ length: MAX_PARAMS + 1 }, () => 'a=1').join('&');
    const error = httpErrorOf(() => parseQuery(qs));
    expect(error.status).toBe(400);
    expect(error.detail).toMatch(/too many parameters/i);
  });

  it('does not count empty pieces towards the cap', () => {
    const qs = '&'.repeat(5000) + 'a=1';
    expect(parseQuery(qs).a).toBe('1');
  });

  it('returns an empty params object for an empty string', () => {
    expect(Object.keys(parseQuery(''))).toEqual([]);
  });
});

describe('parseParamString', () => {
  it("returns undefined on invalid UTF-8 in 'reject' mode", () => {
    expect(parseParamString('a=%ff', 'reject')).toBeUndefined();
  });

  it("replaces invalid UTF-8 with U+FFFD in 'replace' mode", () => {
    expect(parseParamString('a=%ffok', 'replace')?.a).toBe('\uFFFDok');
  });
});

describe('decodePath', () => {
  it('returns a path without escapes unchanged', () => {
    expect(decodePath('/books/42')).toBe('/books/42');
  });

  it('keeps + literal', () => {
    expect(decodePath('/a+b')).toBe('/a+b');
  });

  it('decodes %2B to a plus', () => {
    expect(decodePath('/a%2Bb')).toBe('/a+b');
  });

  it('decodes %2F to a real slash', () => {
    expect(decodePath('/echo/x%2Fy')).toBe('/echo/x/y');
  });

  it('decodes %20 to a space', () => {
    expect(decodePath('/a%20b')).toBe('/a b');
  });

  it('decodes percent-encoded UTF-8', () => {
    expect(decodePath('/%F0%9F%8C%B0/')).toBe('/\u{1F330}/');
  });

  it('leaves a malformed escape as literal text', () => {
    expect(decodePath('/a%zz/%C3%A9')).toBe('/a%zz/é');
  });

  it('rejects a path that is not UTF-8 with a 400', () => {
    const error = httpErrorOf(() => decodePath('/%aa/'));
    expect(error.status).toBe(400);
    expect(error.detail).toBe('Invalid URL: path is not UTF-8 encoded');
  });

  it('rejects an overlong UTF-8 encoding with a 400', () => {
    expect(httpErrorOf(() => decodePath('/%C0%AF')).status).toBe(400);
  });
});

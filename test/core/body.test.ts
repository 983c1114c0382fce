import { describe, it, expect } from 'vitest';
import { HTTPError } from '../../src/core/errors.js';
import { addParam, createParams, MAX_PARAMS } from '../../src/core/params.js';
import { isJsonType, parseContentType, parseJson, parseUrlencoded } from '../../src/core/body.js';

function httpErrorOf(fn: () => unknown): HTTPError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HTTPError);
    return error as HTTPError;
  }
  throw new Error('expected an HTTPError');
}

describe('parseContentType', () => {
  it('returns an empty type for a missing header', () => {
    expect(parseContentType(undefined)).toEqual({ type: '', params: {} });
    expect(parseContentType(null)).toEqual({ type: '', params: {} });
    expect(parseContentType('')).toEqual({ type: '', params: {} });
  });

  it('lower-cases the type and has no params when there are none', () => {
    expect(parseContentType('Application/JSON')).toEqual({ type: 'application/json', params: {} });
  });

  it('trims whitespace around the type', () => {
    expect(parseContentType('  text/html  ').type).toBe('text/html');
  });

  it('reads parameters with lower-cased names', () => {
    const { type, params } = parseContentType('text/plain; Charset=UTF-8');
    expect(type).toBe('text/plain');
    expect({ ...params }).toEqual({ charset: 'UTF-8' });
  });

  it('tolerates whitespace around = and ;', () => {
    const { params } = parseContentType('text/plain ;  charset = utf-8 ; format=flowed');
    expect({ ...params }).toEqual({ charset: 'utf-8', format: 'flowed' });
  });

  it('removes quotes and keeps ; inside a quoted value', () => {
    const { params } = parseContentType('multipart/form-data; boundary="a;b c"; x=1');
    expect({ ...params }).toEqual({ boundary: 'a;b c', x: '1' });
  });

  it('unescapes backslash escapes in a quoted value', () => {
    expect(parseContentType('a/b; p="x\\"y"').params.p).toBe('x"y');
  });

  it('tolerates an unterminated quoted value', () => {
    expect(parseContentType('a/b; p="open').params.p).toBe('open');
  });

  it('skips parameters without =, empty pieces and empty names', () => {
    const { params } = parseContentType('a/b; ; junk; =v; ok=1;');
    expect({ ...params }).toEqual({ ok: '1' });
  });

  it('keeps the first of a repeated parameter', () => {
    expect(parseContentType('a/b; p=1; p=2').params.p).toBe('1');
  });

  it('stores a __proto__ parameter as plain data', () => {
    const { params } = parseContentType('a/b; __proto__=x');
    expect(Object.hasOwn(params, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(params)).toBeNull();
  });
});

describe('isJsonType', () => {
  it('accepts application/json', () => {
    expect(isJsonType('application/json')).toBe(true);
  });

  it('accepts application/javascript', () => {
    expect(isJsonType('application/javascript')).toBe(true);
  });

  it('rejects structured-syntax JSON types such as application/vnd.api+json', () => {
    expect(isJsonType('application/vnd.api+json')).toBe(false);
  });

  it('rejects text/json and the empty type', () => {
    expect(isJsonType('text/json')).toBe(false);
    expect(isJsonType('')).toBe(false);
  });
});

describe('parseUrlencoded', () => {
  it('reads fields, + as space and repeated names as arrays', () => {
    const form = parseUrlencoded(Buffer.from('a=1&b=x+y&a=2'));
    expect({ ...form }).toEqual({ a: ['1', '2'], b: 'x y' });
  });

  it('returns an empty null-prototype object for an empty body', () => {
    const form = parseUrlencoded(Buffer.alloc(0));
    expect(Object.keys(form)).toEqual([]);
    expect(Object.getPrototypeOf(form)).toBeNull();
  });

  it('rejects invalid escaped UTF-8 with a 400 (DESIGN §5.12)', () => {
    for (const text of ['a=%ff', '%fe=1', 'a=%e2%82', 'ok=1&b=%c3%28'])
      expect(() => parseUrlencoded(Buffer.from(text))).toThrow(
        expect.objectContaining({ status: 400, detail: expect.stringMatching(/form body/) }),
      );
  });

  it('rejects invalid raw bytes with a 400', () => {
    const body = Buffer.concat([Buffer.from('a='), Buffer.from([0xff]), Buffer.from('b')]);
    expect(() => parseUrlencoded(body)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('decodes raw UTF-8 bytes', () => {
    expect(parseUrlencoded(Buffer.from('name=café')).name).toBe('café');
  });

  it('rejects more than MAX_PARAMS fields with a 400', () => {
    const body = Buffer.from(Array.from({ length: MAX_PARAMS + 1 }, () => 'a=1').join('&'));
    expect(httpErrorOf(() => parseUrlencoded(body)).status).toBe(400);
  });

  it('keeps __proto__ and constructor fields as plain data', () => {
    const form = parseUrlencoded(Buffer.from('__proto__=1&constructor=2'));
    expect(form.__proto__).toBe('1');
    expect(form.constructor).toBe('2');
    expect(Object.getPrototypeOf(form)).toBeNull();
  });
});

describe('parseJson', () => {
  it('parses an object', () => {
    expect(parseJson(Buffer.from('{"a":1,"b":[true,null]}'))).toEqual({ a: 1, b: [true, null] });
  });

  it('parses non-object JSON values', () => {
    expect(parseJson(Buffer.from('[1,2]'))).toEqual([1, 2]);
    expect(parseJson(Buffer.from('42'))).toBe(42);
    expect(parseJson(Buffer.from('null'))).toBeNull();
  });

  it('returns undefined for an empty body', () => {
    expect(parseJson(Buffer.alloc(0))).toBeUndefined();
  });

  it('ignores a leading byte-order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
    expect(parseJson(body)).toEqual({ a: 1 });
  });

  it('rejects malformed JSON with a 400 carrying the parser message', () => {
    const error = httpErrorOf(() => parseJson(Buffer.from('{"a":')));
    expect(error.status).toBe(400);
    expect(error.detail).toMatch(/^Malformed JSON body: .+/);
  });

  it('rejects a whitespace-only body with a 400', () => {
    expect(httpErrorOf(() => parseJson(Buffer.from('  '))).status).toBe(400);
  });

  it('rejects a body that is not UTF-8 with a 400', () => {
    const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const error = httpErrorOf(() => parseJson(body));
    expect(error.status).toBe(400);
    expect(error.detail).toBe('Malformed JSON body: not UTF-8 encoded');
  });

  it('refuses UTF-8 that decoders are tempted to accept: overlong, surrogate, truncated', () => {
    for (const bytes of [
      [0xc0, 0xaf], // an overlong '/'
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate, encoded
      [0xe2, 0x82], // a three-byte sequence cut short
      [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
    ]) {
      const body = Buffer.concat([Buffer.from('"'), Buffer.from(bytes), Buffer.from('"')]);
      expect(httpErrorOf(() => parseJson(body)).detail, bytes.join(' ')).toBe(
        'Malformed JSON body: not UTF-8 encoded',
      );
    }
    const text = 'é € 😀';
    expect(parseJson(Buffer.from(JSON.stringify(text)))).toBe(text);
  });

  // A text too short to break a cap is not walked (docs/performance.md): the shortest texts that
  // do break one must still be refused, whatever the limits.
  it('refuses the shortest document that nests one level too deep, for any maxDepth', () => {
    for (let maxDepth = 1; maxDepth <= 40; maxDepth++) {
      const limits = { maxDepth, maxKeys: 10_000 };
      const fits = '['.repeat(maxDepth) + ']'.repeat(maxDepth);
      const tooDeep = '['.repeat(maxDepth + 1) + ']'.repeat(maxDepth + 1);
      expect(parseJson(Buffer.from(fits), limits)).toBeDefined();
      expect(httpErrorOf(() => parseJson(Buffer.from(tooDeep), limits)).detail).toContain(
        `at most ${maxDepth} levels`,
      );
    }
  });

  it('refuses the shortest document with one key too many, for any maxKeys', () => {
    // One-character keys are the shortest; past 26 of them, two characters.
    const keys = (n: number): string[] =>
      Array.from({ length: n }, (_, i) => (i < 26 ? String.fromCharCode(97 + i) : `a${i}`));
    const doc = (n: number): string =>
      `{${keys(n)
        .map((k) => `"${k}":0`)
        .join(',')}}`;
    for (let maxKeys = 1; maxKeys <= 40; maxKeys++) {
      const limits = { maxDepth: 32, maxKeys };
      expect(parseJson(Buffer.from(doc(maxKeys)), limits)).toBeDefined();
      expect(httpErrorOf(() => parseJson(Buffer.from(doc(maxKeys + 1)), limits)).detail).toContain(
        `at most ${maxKeys}`,
      );
      // Keys repeated across objects count each time: `[{"":0},{"":0},…]`.
      const spread = `[${Array.from({ length: maxKeys + 1 }, () => '{"":0}').join(',')}]`;
      expect(httpErrorOf(() => parseJson(Buffer.from(spread), limits)).status).toBe(400);
    }
  });

  it('keeps a "__proto__" key as an own data property', () => {
    const json = parseJson(Buffer.from('{"__proto__": {"polluted": 1}}')) as object;
    expect(Object.hasOwn(json, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
  });

  it('does not pollute Object.prototype when merged into params', () => {
    const json = parseJson(Buffer.from('{"__proto__": {"polluted": 1}, "constructor": 2}'));
    const params = createParams();
    for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
      addParam(params, name, value);
    }
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(params.__proto__).toEqual({ polluted: 1 });
    expect(params.constructor).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

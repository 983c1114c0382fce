import { describe, it, expect } from 'vitest';
import { parseCookies, serializeCookie } from '../../src/core/cookies.js';

describe('parseCookies', () => {
  it('returns an empty null-prototype object for a missing header', () => {
    for (const header of [undefined, null, '']) {
      const cookies = parseCookies(header);
      expect(Object.keys(cookies)).toEqual([]);
      expect(Object.getPrototypeOf(cookies)).toBeNull();
    }
  });

  it('reads name=value pairs separated by semicolons', () => {
    expect({ ...parseCookies('a=1; b=two;c=3') }).toEqual({ a: '1', b: 'two', c: '3' });
  });

  it('trims whitespace around names and values', () => {
    expect({ ...parseCookies('  a =  1  ;   b=2 ') }).toEqual({ a: '1', b: '2' });
  });

  it('keeps the first occurrence of a name', () => {
    expect(parseCookies('sid=first; sid=second').sid).toBe('first');
  });

  it('percent-decodes values', () => {
    expect(parseCookies('msg=hello%20w%C3%B6rld%3B').msg).toBe('hello wörld;');
  });

  it('keeps a value that does not percent-decode as sent', () => {
    expect(parseCookies('bad=%E0%A4%A; ok=1')).toEqual(
      Object.assign(Object.create(null), { bad: '%E0%A4%A', ok: '1' }),
    );
  });

  it('removes surrounding double quotes', () => {
    expect(parseCookies('q="quoted value"').q).toBe('quoted value');
  });

  it('keeps a lone double quote', () => {
    expect(parseCookies('q="').q).toBe('"');
  });

  it('keeps = inside a value', () => {
    expect(parseCookies('token=abc==').token).toBe('abc==');
  });

  it('keeps an empty value', () => {
    expect(parseCookies('empty=; a=1').empty).toBe('');
  });

  it('skips pairs without = and pairs without a name', () => {
    expect({ ...parseCookies('junk; =nameless; ; a=1') }).toEqual({ a: '1' });
  });

  it('keeps __proto__ and constructor cookies as plain data', () => {
    const cookies = parseCookies('__proto__=x; constructor=y');
    expect(Object.getPrototypeOf(cookies)).toBeNull();
    expect(cookies.__proto__).toBe('x');
    expect(cookies.constructor).toBe('y');
  });
});

describe('serializeCookie', () => {
  it('writes name=value', () => {
    expect(serializeCookie('sid', 'abc')).toBe('sid=abc');
  });

  it('percent-encodes the value', () => {
    expect(serializeCookie('msg', 'a b;c,d"é')).toBe('msg=a%20b%3Bc%2Cd%22%C3%A9');
  });

  it('round-trips a value through parseCookies', () => {
    const value = 'x=1; y="2" ü\n';
    const header = serializeCookie('v', value);
    expect(parseCookies(header).v).toBe(value);
  });

  it('writes every attribute in a stable order', () => {
    const cookie = serializeCookie('sid', 'abc', {
      maxAge: 3600,
      domain: 'example.com',
      path: '/app',
      expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
      httpOnly: true,
      secure: true,
      partitioned: true,
      priority: 'High',
      sameSite: 'Lax',
    });
    expect(cookie).toBe(
      'sid=abc; Max-Age=3600; Domain=example.com; Path=/app; ' +
        'Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; Partitioned; ' +
        'Priority=High; SameSite=Lax',
    );
  });

  it('floors a fractional maxAge', () => {
    expect(serializeCookie('a', '1', { maxAge: 9.9 })).toBe('a=1; Max-Age=9');
  });

  it('writes a maxAge of 0', () => {
    expect(serializeCookie('a', '', { maxAge: 0 })).toBe('a=; Max-Age=0');
  });

  it('writes sameSite true as Strict', () => {
    expect(serializeCookie('a', '1', { sameSite: true })).toBe('a=1; SameSite=Strict');
  });

  it('writes no SameSite for sameSite false', () => {
    expect(serializeCookie('a', '1', { sameSite: false })).toBe('a=1');
  });

  it('writes SameSite=None', () => {
    expect(serializeCookie('a', '1', { sameSite: 'None', secure: true })).toBe(
      'a=1; Secure; SameSite=None',
    );
  });

  it('omits boolean attributes that are false', () => {
    expect(serializeCookie('a', '1', { httpOnly: false, secure: false, partitioned: false })).toBe(
      'a=1',
    );
  });

  it('rejects a name that is not a token, naming the name', () => {
    expect(() => serializeCookie('bad name', 'x')).toThrow(/Invalid cookie name: "bad name"/);
    expect(() => serializeCookie('a;b', 'x')).toThrow(TypeError);
    expect(() => serializeCookie('a=b', 'x')).toThrow(TypeError);
    expect(() => serializeCookie('', 'x')).toThrow(TypeError);
  });

  it('rejects a value that cannot be encoded, naming the value', () => {
    expect(() => serializeCookie('a', '\uD800')).toThrow(/Invalid cookie value for a/);
  });

  it('rejects a path holding ; or a control character, naming the path', () => {
    expect(() => serializeCookie('a', '1', { path: '/x; Secure' })).toThrow(
      /Invalid cookie path for a/,
    );
    expect(() => serializeCookie('a', '1', { path: '/x\r\nSet-Cookie: evil=1' })).toThrow(
      TypeError,
    );
  });

  it('rejects a domain holding ; or a control character, naming the domain', () => {
    expect(() => serializeCookie('a', '1', { domain: 'x.com;' })).toThrow(
      /Invalid cookie domain for a/,
    );
    expect(() => serializeCookie('a', '1', { domain: 'x\u007f.com' })).toThrow(TypeError);
  });

  it('rejects a maxAge that is not finite', () => {
    expect(() => serializeCookie('a', '1', { maxAge: Infinity })).toThrow(/maxAge/);
    expect(() => serializeCookie('a', '1', { maxAge: Number.NaN })).toThrow(/maxAge/);
  });

  it('rejects an invalid expires date', () => {
    expect(() => serializeCookie('a', '1', { expires: new Date('nope') })).toThrow(/expires/);
  });

  it('rejects an unknown sameSite or priority from untyped callers', () => {
    const loose = (options: Record<string, unknown>) => () => serializeCookie('a', '1', options);
    expect(loose({ sameSite: 'lax' })).toThrow(/sameSite/);
    expect(loose({ sameSite: 'constructor' })).toThrow(/sameSite/);
    expect(loose({ priority: 'Urgent' })).toThrow(/priority/);
  });
});

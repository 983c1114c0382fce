import { describe, expect, it } from 'vitest';
import { PecanRequest, type RequestHeaders, type RequestInit } from '../../src/core/request.js';

function headers(values: Record<string, string> = {}): RequestHeaders {
  return {
    get: (name) => values[name.toLowerCase()] ?? null,
    has: (name) => name.toLowerCase() in values,
    forEach: (fn) => Object.entries(values).forEach(([name, value]) => fn(value, name)),
  };
}

function make(init: Partial<RequestInit> = {}): PecanRequest {
  return new PecanRequest({
    method: 'GET',
    origin: 'http://example.com',
    rawPath: '/a/b',
    queryString: 'x=1',
    headers: headers(),
    scriptName: '',
    ...init,
  });
}

describe('PecanRequest', () => {
  it('takes its origin as a string', () => {
    const request = make();
    expect(request.origin).toBe('http://example.com');
    expect(request.url).toBe('http://example.com/a/b?x=1');
  });

  it('joins an origin given as scheme and host', () => {
    const request = make({
      origin: { scheme: 'https', host: 'example.org:8443' },
      scriptName: '/app',
    });
    expect(request.origin).toBe('https://example.org:8443');
    expect(request.url).toBe('https://example.org:8443/a/b?x=1');
    expect(request.applicationUrl).toBe('https://example.org:8443/app');
  });

  it('keeps one context object per request, and lets it be replaced', () => {
    const request = make();
    request.context.user = 'ann';
    expect(request.context).toEqual({ user: 'ann' });
    const shared = { carried: true };
    request.context = shared;
    expect(request.context).toBe(shared);
  });

  it('parses the JSON body once', () => {
    const request = make({ method: 'POST' });
    request.body = Buffer.from('{"a":1}');
    const first = request.json;
    expect(first).toEqual({ a: 1 });
    expect(request.json).toBe(first);
  });

  it('reads an empty body as undefined JSON, and parses it once', () => {
    const request = make({ method: 'POST' });
    expect(request.json).toBeUndefined();
    request.body = Buffer.from('{"late":true}');
    expect(request.json).toBeUndefined();
  });

  it('answers malformed JSON with a 400 on every read', () => {
    const request = make({ method: 'POST' });
    request.body = Buffer.from('{');
    expect(() => request.json).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => request.json).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('parses the query and cookies on first use', () => {
    const request = make({ headers: headers({ cookie: 'a=1; b=2' }) });
    expect(request.query).toEqual(Object.assign(Object.create(null), { x: '1' }));
    expect(request.query).toBe(request.query);
    expect(request.cookies).toEqual(Object.assign(Object.create(null), { a: '1', b: '2' }));
  });
});

import { describe, expect, it } from 'vitest';
import { ResponseHeaders } from '../../src/core/headers.js';
import { PecanResponse, contentTypeHeader } from '../../src/core/response.js';

describe('ResponseHeaders', () => {
  it('reads names case-insensitively and keeps the first case on the wire', () => {
    const headers = new ResponseHeaders();
    headers.set('X-Thing', 'a');
    headers.set('x-thing', 'b');
    expect(headers.get('X-THING')).toBe('b');
    expect(headers.has('x-Thing')).toBe(true);
    expect(headers.toRawList()).toEqual(['X-Thing', 'b']);
  });

  it('joins appended values with a comma', () => {
    const headers = new ResponseHeaders({ Vary: 'Accept' });
    headers.append('vary', 'Cookie');
    expect(headers.get('Vary')).toBe('Accept, Cookie');
  });

  it('deletes a header and keeps the order of the others', () => {
    const headers = new ResponseHeaders([
      ['A', '1'],
      ['B', '2'],
      ['C', '3'],
    ]);
    headers.delete('b');
    headers.delete('missing');
    expect(headers.has('B')).toBe(false);
    expect(headers.get('C')).toBe('3');
    expect(headers.toRawList()).toEqual(['A', '1', 'C', '3']);
    expect([...headers]).toEqual([
      ['a', '1'],
      ['c', '3'],
    ]);
  });

  it('keeps one Set-Cookie entry per cookie, last on the wire', () => {
    const headers = new ResponseHeaders();
    headers.append('Set-Cookie', 'a=1');
    headers.set('X', 'y');
    headers.append('set-cookie', 'b=2');
    expect(headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(headers.get('set-cookie')).toBe('a=1, b=2');
    expect(headers.toRawList()).toEqual(['X', 'y', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2']);
    headers.delete('Set-Cookie');
    expect(headers.has('set-cookie')).toBe(false);
    expect(headers.toRawList()).toEqual(['X', 'y']);
  });

  it('lists entries with lower-cased names, forEach as value then name', () => {
    const headers = new ResponseHeaders({ 'Content-Type': 'text/plain' });
    headers.append('Set-Cookie', 'a=1');
    expect([...headers.keys()]).toEqual(['content-type', 'set-cookie']);
    expect([...headers.values()]).toEqual(['text/plain', 'a=1']);
    const seen: string[] = [];
    headers.forEach((value, name) => seen.push(`${name}=${value}`));
    expect(seen).toEqual(['content-type=text/plain', 'set-cookie=a=1']);
  });

  it('may be changed while it is iterated', () => {
    const headers = new ResponseHeaders({ A: '1', B: '2', C: '3' });
    for (const [name] of headers) headers.delete(name);
    expect([...headers]).toEqual([]);
  });

  it('refuses values that would split the response', () => {
    const headers = new ResponseHeaders();
    expect(() => headers.set('X', 'a\r\nInjected: 1')).toThrow(TypeError);
    expect(() => headers.append('X', 'a\nb')).toThrow(/Invalid value for header "X"/);
    expect(() => headers.set('Set-Cookie', 'a\0b')).toThrow(TypeError);
    expect(headers.has('X')).toBe(false);
  });

  it('writes numbers as text', () => {
    const headers = new ResponseHeaders();
    headers.set('X-Count', 3);
    expect(headers.get('x-count')).toBe('3');
  });

  it('sets Content-Type and Content-Length for pecan, keeping a case set earlier', () => {
    const headers = new ResponseHeaders({ 'content-length': '1' });
    expect(headers.hasContentType()).toBe(false);
    headers.setContentType('text/plain; charset=UTF-8');
    headers.setContentLength(12);
    expect(headers.hasContentType()).toBe(true);
    expect(headers.toRawList()).toEqual([
      'content-length',
      '12',
      'Content-Type',
      'text/plain; charset=UTF-8',
    ]);
  });
});

describe('contentTypeHeader', () => {
  it('adds the charset to text types only, as withCharset', () => {
    expect(contentTypeHeader('text/plain')).toBe('text/plain; charset=UTF-8');
    expect(contentTypeHeader('text/plain')).toBe('text/plain; charset=UTF-8');
    expect(contentTypeHeader('application/json')).toBe('application/json');
    expect(contentTypeHeader('image/svg+xml')).toBe('image/svg+xml; charset=UTF-8');
    expect(contentTypeHeader('text/html; charset=latin1')).toBe('text/html; charset=latin1');
  });

  it('refuses a content type that would split the response, every time', () => {
    expect(() => contentTypeHeader('text/plain\r\nX: 1')).toThrow(TypeError);
    expect(() => contentTypeHeader('text/plain\r\nX: 1')).toThrow(TypeError);
  });

  it("a response's contentType setter still checks the value", () => {
    const response = new PecanResponse();
    expect(() => (response.contentType = 'text/plain\nX: 1')).toThrow(TypeError);
    response.contentType = 'text/csv';
    expect(response.contentType).toBe('text/csv; charset=UTF-8');
  });
});

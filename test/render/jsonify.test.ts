// `jsonify.encode` proves a value plain before handing it to JSON.stringify alone; these pin
// down that every non-plain value is still found, wherever it sits.
import { describe, expect, it } from 'vitest';
import { jsonify } from '../../src/index.js';

describe('jsonify.encode', () => {
  it('encodes top-level primitives as JSON.stringify does, undefined as null', () => {
    expect(jsonify.encode('a"b')).toBe('"a\\"b"');
    expect(jsonify.encode(1.5)).toBe('1.5');
    expect(jsonify.encode(true)).toBe('true');
    expect(jsonify.encode(null)).toBe('null');
    expect(jsonify.encode(undefined)).toBe('null');
    expect(jsonify.encode(7n)).toBe('"7"');
  });

  it('finds a BigInt in an array and in a nested object', () => {
    expect(jsonify.encode([1, 'a', 2n])).toBe('[1,"a","2"]');
    expect(jsonify.encode({ a: { b: [{ c: 3n }] } })).toBe('{"a":{"b":[{"c":"3"}]}}');
  });

  it('finds a Map, a Set and a class instance deep inside plain data', () => {
    const value = { list: [{ map: new Map([['k', 1]]), set: new Set([2]) }] };
    expect(jsonify.encode(value)).toBe('{"list":[{"map":{"k":1},"set":[2]}]}');
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    expect(jsonify.encode([[new Point(1, 2)]])).toBe('[[{"x":1,"y":2}]]');
  });

  it('finds a __json__ method on a nested plain object', () => {
    const value = { outer: { inner: { __json__: () => 'custom' } } };
    expect(jsonify.encode(value)).toBe('{"outer":{"inner":"custom"}}');
  });

  it('leaves out functions and undefined as JSON.stringify does', () => {
    expect(jsonify.encode({ a: undefined, f: () => 1, b: [undefined, () => 1] })).toBe(
      '{"b":[null,null]}',
    );
  });

  it('encodes data nested deeper than the walk goes', () => {
    let value: unknown = 1n;
    for (let i = 0; i < 80; i++) value = [value];
    expect(jsonify.encode(value)).toBe(`${'['.repeat(80)}"1"${']'.repeat(80)}`);
  });
});

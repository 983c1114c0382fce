import { describe, expect, it } from 'vitest';
import { isPromise } from '../../src/core/is-promise.js';

describe('isPromise', () => {
  it('recognises native promises', () => {
    expect(isPromise(Promise.resolve(1))).toBe(true);
  });

  it('recognises promises of a Promise subclass', () => {
    class Deferred<T> extends Promise<T> {}
    expect(isPromise(Deferred.resolve(1))).toBe(true);
  });

  it('recognises thenable objects, as await does', () => {
    const thenable = { then: (resolve: (v: number) => void) => resolve(1) };
    expect(isPromise(thenable)).toBe(true);
  });

  it('recognises a function with a then method', () => {
    const fn = Object.assign(() => 0, { then: () => undefined });
    expect(isPromise(fn)).toBe(true);
  });

  it('rejects objects whose then is not a function', () => {
    expect(isPromise({ then: 1 })).toBe(false);
    expect(isPromise({})).toBe(false);
    expect(isPromise(Object.create(null))).toBe(false);
  });

  it('rejects primitives, null and undefined', () => {
    for (const value of ['then', 1, true, 1n, Symbol('x'), null, undefined])
      expect(isPromise(value)).toBe(false);
  });
});

/**
 * The two bindings behind `request`/`response` (src/core/context.ts): V8 promise hooks on Node,
 * AsyncLocalStorage elsewhere. Both must carry a request across every promise continuation and
 * never show one request's state to another.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  asyncLocalStorageLocals,
  contextLocals,
  findPromiseHooks,
  promiseHookLocals,
  type ContextLocals,
} from '../../src/core/context.js';
import type { State } from '../../src/app/state.js';

/** Stand-ins for request states: only their identity matters here. */
const fakeState = (name: string): State => ({ name }) as unknown as State;

const backends: [string, () => ContextLocals][] = [
  ['v8 promise hooks', () => promiseHookLocals(findPromiseHooks()!)],
  ['AsyncLocalStorage', asyncLocalStorageLocals],
];

it('Node has promise hooks, so the installed binding uses them', async () => {
  expect(findPromiseHooks()).toBeDefined();
  const locals = contextLocals();
  expect(contextLocals()).toBe(locals);
  // Told apart by a bare timer callback: AsyncLocalStorage would carry the state into it.
  const state = fakeState('installed');
  const [afterAwait, inTimer] = await locals.run(
    state,
    async () => {
      await sleep(1);
      const seenAfterAwait = locals.current();
      return [
        seenAfterAwait,
        await new Promise((resolve) => setTimeout(() => resolve(locals.current()), 1)),
      ];
    },
    undefined,
  );
  expect(afterAwait).toBe(state);
  expect(inTimer).toBeUndefined();
});

describe.each(backends)('context locals with %s', (_name, make) => {
  let locals: ContextLocals;
  afterEach(() => locals.stop());

  const run = <T>(state: State, fn: () => T): T => locals.run(state, fn, undefined);

  it('is unbound outside a request and bound inside, synchronously', () => {
    locals = make();
    const a = fakeState('a');
    expect(locals.current()).toBeUndefined();
    expect(locals.run(a, (arg, state) => [arg, state, locals.current()], 7)).toEqual([7, a, a]);
    expect(locals.current()).toBeUndefined();
  });

  it('restores the outer request after a nested run, also when it throws', () => {
    locals = make();
    const [outer, inner] = [fakeState('outer'), fakeState('inner')];
    run(outer, () => {
      expect(() =>
        run(inner, () => {
          expect(locals.current()).toBe(inner);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(locals.current()).toBe(outer);
    });
    expect(locals.current()).toBeUndefined();
  });

  it('follows await, then, catch, Promise.all, async generators and thenables', async () => {
    locals = make();
    const seen: [string, unknown][] = [];
    const note = (label: string): void => void seen.push([label, locals.current()]);
    async function* numbers(): AsyncGenerator<number> {
      yield 1;
      await sleep(1);
      yield 2;
    }
    const controller = async (): Promise<void> => {
      await sleep(2);
      note('await');
      await Promise.all([sleep(1), sleep(3)]);
      note('all');
      await Promise.reject(new Error('x')).catch(() => note('catch'));
      for await (const n of numbers()) note(`generator ${n}`);
      await { then: (resolve: () => void) => setTimeout(resolve, 1) };
      note('thenable');
    };
    const a = fakeState('a');
    await run(a, () => controller().then(() => note('then')));
    expect(seen).toEqual(
      ['await', 'all', 'catch', 'generator 1', 'generator 2', 'thenable', 'then'].map((l) => [
        l,
        a,
      ]),
    );
    expect(locals.current()).toBeUndefined();
  });

  it('keeps 100 interleaved requests apart', async () => {
    locals = make();
    const states = Array.from({ length: 100 }, (_, i) => fakeState(`r${i}`));
    const results = await Promise.all(
      states.map((state, i) =>
        run(state, async () => {
          const seen = [locals.current()];
          for (let step = 0; step < 3; step++) {
            await sleep((i * 7 + step * 3) % 5);
            seen.push(locals.current());
          }
          return seen;
        }),
      ),
    );
    results.forEach((seen, i) =>
      expect(seen).toEqual([states[i], states[i], states[i], states[i]]),
    );
    expect(locals.current()).toBeUndefined();
  });

  it('gives a callback registered in a request that request, even on a promise made outside', async () => {
    locals = make();
    const earlier = sleep(2);
    const a = fakeState('a');
    const b = fakeState('b');
    const [seenA, seenB] = await Promise.all([
      run(a, () => earlier.then(() => locals.current())),
      run(b, () => earlier.then(() => locals.current())),
    ]);
    expect([seenA, seenB]).toEqual([a, b]);
    // Registered outside any request: nothing, not the last request's state.
    expect(await earlier.then(() => locals.current())).toBeUndefined();
  });
});

it('promise hooks: a bare timer callback sees no request (never another request)', async () => {
  const locals = promiseHookLocals(findPromiseHooks()!);
  try {
    const seen = await locals.run(
      fakeState('a'),
      () => new Promise((resolve) => setTimeout(() => resolve(locals.current()), 1)),
      undefined,
    );
    expect(seen).toBeUndefined();
  } finally {
    locals.stop();
  }
});

import { AsyncLocalStorage } from 'node:async_hooks';
import type { PecanRequest } from './request.js';
import type { PecanResponse } from './response.js';
import type { State } from './state.js';

/**
 * Context locals (§7.1): `request` and `response` resolve to the current request's objects
 * through AsyncLocalStorage, Pecan's thread-locals for an async world.
 */
const storage = new AsyncLocalStorage<State>();

/** Runs `fn(...args)` with `state` as the current request (no closure needed on the hot path). */
export function runInContext<A extends unknown[], T>(
  state: State,
  fn: (...args: A) => T,
  ...args: A
): T {
  return storage.run(state, fn, ...args);
}

/** The state of the request being handled, or undefined outside a request (or in explicit mode). */
export function currentState(): State | undefined {
  return storage.getStore();
}

function requireState(what: string): State {
  const state = storage.getStore();
  if (state === undefined) {
    throw new Error(
      `pecan.${what} is not bound to a request: it is only usable while a request is handled, ` +
        `and not at all in an app made with { contextLocals: false } (use the req/res arguments there)`,
    );
  }
  return state;
}

function contextProxy<T extends object>(
  what: 'request' | 'response',
  pick: (state: State) => T,
): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = pick(requireState(what));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as Function).bind(target) : value;
    },
    set(_target, key, value) {
      return Reflect.set(pick(requireState(what)), key, value);
    },
    has(_target, key) {
      return Reflect.has(pick(requireState(what)), key);
    },
    deleteProperty(_target, key) {
      return Reflect.deleteProperty(pick(requireState(what)), key);
    },
    ownKeys() {
      return Reflect.ownKeys(pick(requireState(what)));
    },
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(pick(requireState(what)), key);
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
  });
}

/** The current request (Pecan's `pecan.request`). */
export const request: PecanRequest = contextProxy('request', (state) => state.request);
/** The current response (Pecan's `pecan.response`). */
export const response: PecanResponse = contextProxy('response', (state) => state.response);

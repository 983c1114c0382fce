import { AsyncLocalStorage } from 'node:async_hooks';
import type { PromiseHooks } from 'node:v8';
import type { PecanRequest } from './request.js';
import type { PecanResponse } from './response.js';
import { contextUnboundError } from './pecan-errors.js';

/**
 * Context locals (§7.1): `request` and `response` resolve to the current request's objects,
 * Pecan's thread-locals for an async world.
 *
 * On Node the binding is a variable that is set while a request's code runs synchronously and
 * carried across `await`s and promise callbacks by V8's promise hooks: a promise created while
 * a request is current remembers it, and its callbacks run with it current again. That is what
 * `AsyncLocalStorage` does for promises, without the async hook it also installs on every
 * timer, socket write and `process.nextTick` of the process (about 1.4 µs per request on Node
 * 20, more than all of pecan's own work). Runtimes without `v8.promiseHooks` (Bun, Deno,
 * workers behind `app.fetch`) use `AsyncLocalStorage`.
 */
/**
 * What the context holds for one request: its request and response. The app's `State` is one;
 * the core knows no more of it than this, so it stays below the app (docs/architecture.md).
 */
export interface RequestScope {
  request: PecanRequest;
  response: PecanResponse;
}

export interface ContextLocals {
  /** Runs `fn(app, state)` with `state` as the current request (no closure on the hot path). */
  run<A, S extends RequestScope, T>(state: S, fn: (arg: A, state: S) => T, arg: A): T;
  /** The state of the request being handled, or undefined outside a request. */
  current(): RequestScope | undefined;
  /** Stops tracking (tests only: the installed binding lives as long as the process). */
  stop(): void;
}

const CONTEXT = Symbol('pecan.context');

type Tracked = Promise<unknown> & { [CONTEXT]?: RequestScope };

export function promiseHookLocals(hooks: PromiseHooks): ContextLocals {
  let current: RequestScope | undefined;
  // The states replaced by `before`, restored by the matching `after` (jobs nest, e.g. a
  // microtask drained while a promise job runs inside a hook of another library).
  const outer: (RequestScope | undefined)[] = [];
  const stop = hooks.createHook({
    init(promise) {
      if (current !== undefined) (promise as Tracked)[CONTEXT] = current;
    },
    before(promise) {
      outer.push(current);
      current = (promise as Tracked)[CONTEXT];
    },
    after() {
      current = outer.pop();
    },
  });
  return {
    run(state, fn, arg) {
      const previous = current;
      current = state;
      try {
        return fn(arg, state);
      } finally {
        current = previous;
      }
    },
    current: () => current,
    stop: () => stop(),
  };
}

export function asyncLocalStorageLocals(): ContextLocals {
  const storage = new AsyncLocalStorage<RequestScope>();
  return {
    run: (state, fn, arg) => storage.run(state, fn, arg, state),
    current: () => storage.getStore(),
    stop: () => storage.disable(),
  };
}

/**
 * `v8.promiseHooks`, when this runtime has them and can hand them over synchronously: Node ≥
 * 20.16 (`process.getBuiltinModule`). Earlier Node 20 releases, Bun and Deno get
 * `AsyncLocalStorage` — the same binding, at its higher cost per request.
 */
export function findPromiseHooks(): PromiseHooks | undefined {
  const load = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (typeof load !== 'function') return undefined;
  const v8 = load('node:v8') as { promiseHooks?: PromiseHooks } | undefined;
  return typeof v8?.promiseHooks?.createHook === 'function' ? v8.promiseHooks : undefined;
}

let installed: ContextLocals | null = null;

/** The context-locals binding, installed on first use (an app with `contextLocals: false`
 * never installs it). */
export function contextLocals(): ContextLocals {
  if (installed === null) {
    const hooks = findPromiseHooks();
    installed = hooks !== undefined ? promiseHookLocals(hooks) : asyncLocalStorageLocals();
  }
  return installed;
}

/**
 * The scope of the request being handled, or undefined outside a request (or in explicit mode).
 * `S` names what the runner put there (the app's `State`); the core cannot check it.
 */
export function currentScope<S extends RequestScope = RequestScope>(): S | undefined {
  return installed?.current() as S | undefined;
}

function requireScope(what: string): RequestScope {
  const state = installed?.current();
  if (state === undefined) {
    throw contextUnboundError(what);
  }
  return state;
}

function contextProxy<T extends object>(
  what: 'request' | 'response',
  pick: (scope: RequestScope) => T,
): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = pick(requireScope(what));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as Function).bind(target) : value;
    },
    set(_target, key, value) {
      return Reflect.set(pick(requireScope(what)), key, value);
    },
    has(_target, key) {
      return Reflect.has(pick(requireScope(what)), key);
    },
    deleteProperty(_target, key) {
      return Reflect.deleteProperty(pick(requireScope(what)), key);
    },
    ownKeys() {
      return Reflect.ownKeys(pick(requireScope(what)));
    },
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(pick(requireScope(what)), key);
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
  });
}

/** The current request (Pecan's `pecan.request`). */
export const request: PecanRequest = contextProxy('request', (state) => state.request);
/** The current response (Pecan's `pecan.response`). */
export const response: PecanResponse = contextProxy('response', (state) => state.response);

import type { PecanHook } from './pecan-hook.js';
import type { State } from '../app/state.js';
import { isPromise } from '../core/is-promise.js';
import { PecanResponse } from '../core/response.js';
import { fromFetchResponse } from '../core/fetch-response.js';

/**
 * Runs one stage of hooks in order (the list is already ordered for its stage). Async hooks are
 * awaited one at a time, so their order never interleaves; a sync chain stays synchronous.
 */
export function runHooks(
  hooks: PecanHook[],
  stage: 'onRoute' | 'before' | 'after',
  state: State,
): void | Promise<void> {
  for (let i = 0; i < hooks.length; i++) {
    const result = hooks[i]![stage](state);
    if (isPromise(result)) return result.then(() => runHooksFrom(hooks, i + 1, stage, state));
  }
}

async function runHooksFrom(
  hooks: PecanHook[],
  start: number,
  stage: 'onRoute' | 'before' | 'after',
  state: State,
): Promise<void> {
  for (let i = start; i < hooks.length; i++) await hooks[i]![stage](state);
}

/**
 * `onError` hooks in order (§5.3). The first that returns a response — a pecan `PecanResponse`
 * or a Fetch `Response` — wins, and no further `onError` hook runs; any other return value is
 * ignored, as Pecan ignores whatever is not a WebOb Response.
 */
export async function runErrorHooks(
  hooks: PecanHook[],
  state: State,
  error: unknown,
): Promise<PecanResponse | undefined> {
  for (const hook of hooks) {
    let result: unknown = hook.onError(state, error);
    if (isPromise(result)) result = await result;
    if (result instanceof PecanResponse) return result;
    if (typeof Response !== 'undefined' && result instanceof Response)
      return fromFetchResponse(result);
  }
  return undefined;
}

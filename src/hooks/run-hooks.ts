import type { PecanHook } from './pecan-hook.js';
import type { State } from '../core/state.js';
import { isPromise } from '../core/is-promise.js';

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

/** `onError` hooks in order; the first that returns a response wins (§5.1). */
export async function runErrorHooks(
  hooks: PecanHook[],
  state: State,
  error: unknown,
): Promise<unknown> {
  for (const hook of hooks) {
    const result = await hook.onError(state, error);
    if (result !== undefined && result !== null) return result;
  }
  return undefined;
}

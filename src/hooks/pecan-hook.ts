import type { State } from '../app/state.js';
import type { PecanResponse } from '../core/response.js';
import { hooksListError, notAHookError } from '../core/pecan-errors.js';

/**
 * The base class of hooks (§5.1): override any of the four methods. `priority` orders hooks
 * (lower first for `onRoute`/`before`, reversed for `after`/`onError`); each method may be async.
 */
export class PecanHook {
  priority = 100;

  onRoute(_state: State): void | Promise<void> {}
  before(_state: State): void | Promise<void> {}
  after(_state: State): void | Promise<void> {}
  /** May return a response that replaces the error's response (§5.1). */
  onError(
    _state: State,
    _error: unknown,
  ): void | Response | PecanResponse | Promise<void | Response | PecanResponse> {}
}

export type HookStage = 'onRoute' | 'before' | 'after' | 'onError';

/** Hooks that really implement `stage` (not the base no-op), in run order; null when none (hot path). */
export function hooksFor(hooks: readonly PecanHook[], stage: HookStage): PecanHook[] | null {
  const base = PecanHook.prototype[stage];
  const chosen = hooks.filter((hook) => hook[stage] !== base);
  if (chosen.length === 0) return null;
  return stage === 'after' || stage === 'onError' ? chosen.reverse() : chosen;
}

/** Sorts hooks by priority, keeping registration order for equal priorities (a stable sort, §5.2). */
export function sortHooks(hooks: readonly PecanHook[]): PecanHook[] {
  return hooks.slice().sort((a, b) => a.priority - b.priority);
}

/** App hooks as given (§5.2): a list, or a zero-argument function returning one. */
export type HooksOption = readonly PecanHook[] | (() => readonly PecanHook[]);

/** The app's hooks, sorted once at start-up (§5.2). */
export function appHooks(option: HooksOption | undefined): PecanHook[] {
  const hooks = typeof option === 'function' ? option() : (option ?? []);
  if (!Array.isArray(hooks)) throw hooksListError();
  for (const hook of hooks) {
    if (!(hook instanceof PecanHook)) throw notAHookError(hook);
  }
  return sortHooks(hooks);
}

/** The hooks of each stage that runs once a controller is known, in run order (null: none). */
export interface HookChains {
  readonly before: PecanHook[] | null;
  readonly after: PecanHook[] | null;
  readonly onError: PecanHook[] | null;
}

export function buildChains(sorted: readonly PecanHook[]): HookChains {
  return {
    before: hooksFor(sorted, 'before'),
    after: hooksFor(sorted, 'after'),
    onError: hooksFor(sorted, 'onError'),
  };
}

/**
 * §5.3: the hooks of a request — controller hooks with the app's, by priority; on a tie the
 * controller's come first (outer controllers before inner ones, each class in declaration
 * order: DESIGN §5.10 makes Pecan's set order deterministic). A hook instance runs once.
 */
export function mergeHooks(
  controllerHooks: readonly PecanHook[],
  fromApp: readonly PecanHook[],
): PecanHook[] {
  return sortHooks([
    ...controllerHooks,
    ...fromApp.filter((hook) => !controllerHooks.includes(hook)),
  ]);
}

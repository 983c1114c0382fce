import type { PecanRequest } from '../core/request.js';
import type { PecanResponse } from '../core/response.js';
import { buildChains, mergeHooks, type HookChains, type PecanHook } from '../hooks/pecan-hook.js';
import type { App } from './app.js';

/** The arguments the controller is called with (§2.6): positional, surplus and named. */
export interface Arguments {
  args: unknown[];
  varargs: unknown[];
  kwargs: Record<string, unknown>;
}

/** The routing state shared by the lifecycle and the hooks (Pecan's `RoutingState`). */
export class State {
  controller: Function | null = null;
  arguments: Arguments | null = null;
  /** Hooks that apply to this request (app hooks plus controller hooks), by priority. */
  hooks: readonly PecanHook[];
  /** The same hooks, per stage and in run order. */
  chains: HookChains;

  constructor(
    public request: PecanRequest,
    public response: PecanResponse,
    public readonly app: App,
  ) {
    this.hooks = app.hooks;
    this.chains = app.chains;
  }
}

/** The hooks of the controllers dispatch walked through join the app's, by priority (§5.3, §5.4). */
export function useControllerHooks(state: State, controllerHooks: readonly PecanHook[]): void {
  state.hooks = mergeHooks(controllerHooks, state.app.hooks);
  state.chains = buildChains(state.hooks);
}

import type { PecanHook } from './pecan-hook.js';

/**
 * A controller whose `static hooks` apply to every request routed through it — its whole
 * subtree, per mount (Pecan's `HookController` and `__hooks__`, §5.4; DESIGN §5.10).
 */
export class HookController {
  static hooks: readonly PecanHook[] = [];
}

/** The hooks a controller class declares, or null (computed once per class by dispatch). */
export function declaredHooks(ctor: Function | undefined): readonly PecanHook[] | null {
  if (ctor === undefined || !(ctor.prototype instanceof HookController)) return null;
  const hooks = (ctor as typeof HookController).hooks;
  return Array.isArray(hooks) && hooks.length > 0 ? hooks : null;
}

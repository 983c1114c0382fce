import { PecanHook } from './pecan-hook.js';
import { classHooksError } from '../core/pecan-errors.js';

/**
 * A controller whose `static hooks` apply to every request routed through it — its whole
 * subtree, per mount (Pecan's `HookController` and `__hooks__`, §5.4; DESIGN §5.10).
 *
 * JavaScript has single inheritance, so a controller that must extend another base
 * (`RestController`, `SecureController`) declares the same `static hooks` field instead; what
 * counts is a static `hooks` array of `PecanHook` instances, as Pecan's mixins allowed.
 */
export class HookController {
  static hooks: readonly PecanHook[] = [];
}

/**
 * The hooks a controller class declares, or null (computed once per class by dispatch). Like
 * Pecan's metaclass (§5.4 step 1) it gathers the `static hooks` of the class and of every base
 * class; the class's own come first, then its bases' (nearest first), each instance once.
 */
export function declaredHooks(ctor: Function | undefined): readonly PecanHook[] | null {
  let hooks: PecanHook[] | null = null;
  for (
    let level: unknown = ctor;
    typeof level === 'function' && level !== Function.prototype;
    level = Object.getPrototypeOf(level)
  ) {
    if (!Object.prototype.hasOwnProperty.call(level, 'hooks')) continue;
    const own: unknown = (level as { hooks?: unknown }).hooks;
    if (!isHookList(own)) {
      // Any class may carry an unrelated static `hooks`; a HookController's must be hooks.
      if (level === HookController || level.prototype instanceof HookController)
        throw classHooksError(level.name);
      continue;
    }
    for (const hook of own) if (!(hooks ??= []).includes(hook)) hooks.push(hook);
  }
  return hooks;
}

function isHookList(value: unknown): value is readonly PecanHook[] {
  return Array.isArray(value) && value.every((hook) => hook instanceof PecanHook);
}

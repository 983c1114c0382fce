import {
  protectController,
  protectMethod,
  unlockController,
  unlockMethod,
  type SecurityCheck,
} from './marks.js';
import {
  decoratorKindError,
  secureCheckError,
  secureNoCheckError,
  secureTargetError,
  unlockedTargetError,
} from '../core/pecan-errors.js';

type MethodDecorator = <F extends Function>(fn: F, context?: ClassMethodDecoratorContext) => F;

/**
 * `@secure(check)` protects one exposed method (§6.1): the check — a function, or the name of a
 * method looked up on the controller at request time — must grant access or the request gets a
 * 401. It stacks with `@expose` in either order (DESIGN §4), and on a generic controller or a
 * `@when` handler it guards that handler (§6.3).
 *
 * `secure(controller, check)` protects a whole sub-controller: the check runs when the walk
 * enters it, before anything below is resolved, so `/admin/missing` is a 401 until authorized
 * (§6.2 step 3). A string check names a method of the *parent* controller. It marks and returns
 * the same controller object.
 */
export function secure(check: SecurityCheck): MethodDecorator;
export function secure<T extends object>(controller: T, check: SecurityCheck): T;
export function secure(first: unknown, check?: unknown): unknown {
  if (check === undefined) {
    if (isCheck(first) && !isClass(first)) return decorateWith(first);
    // Pecan: TypeError when an object is secured without a check (test_secure_obj_only_failure).
    throw secureNoCheckError();
  }
  if (!isCheck(check)) {
    throw secureCheckError();
  }
  if (typeof first === 'function' && !isClass(first)) {
    protectMethod(first, check); // a plain function secured directly, as `@secure(check)` would
    return first;
  }
  if (first === null || (typeof first !== 'object' && typeof first !== 'function')) {
    throw secureTargetError();
  }
  protectController(first, check);
  return first;
}

/**
 * `@unlocked` exempts one method of a SecureController from the class check (Pecan's `Any`);
 * `unlocked(controller)` lets the walk enter a sub-controller of a SecureController without the
 * parent's check (§6.1). The sub-controller may still be secured itself. It marks and returns the
 * same controller object.
 */
export function unlocked<F extends Function>(fn: F, context: ClassMethodDecoratorContext): F;
export function unlocked<T extends object>(controller: T): T;
export function unlocked(target: unknown, context?: ClassMethodDecoratorContext): unknown {
  if (typeof target === 'function' && (context !== undefined || !isClass(target))) {
    assertMethod(context, 'unlocked');
    unlockMethod(target);
    return target;
  }
  if (target === null || (typeof target !== 'object' && typeof target !== 'function')) {
    throw unlockedTargetError();
  }
  unlockController(target);
  return target;
}

function decorateWith(check: SecurityCheck): MethodDecorator {
  return <F extends Function>(fn: F, context?: ClassMethodDecoratorContext): F => {
    assertMethod(context, 'secure');
    protectMethod(fn, check);
    return fn;
  };
}

function assertMethod(context: ClassMethodDecoratorContext | undefined, name: string): void {
  const kind = (context as { kind?: unknown } | undefined)?.kind;
  if (kind !== undefined && kind !== 'method') {
    throw decoratorKindError(name, String(kind));
  }
}

function isCheck(value: unknown): value is SecurityCheck {
  return typeof value === 'function' || typeof value === 'string';
}

/** A class constructor is a controller object here, never a check or a method. */
function isClass(value: unknown): boolean {
  return typeof value === 'function' && Function.prototype.toString.call(value).startsWith('class');
}

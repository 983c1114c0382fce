import type { PecanRequest } from '../core/request.js';
import { activateSecurity } from './marks.js';

/**
 * A controller whose every exposed method is protected by `checkPermissions()` (§6.1), unless
 * marked `@unlocked` or given its own `@secure(check)`. Walking from it into a child controller
 * runs the check too (§6.2 step 2), unless the child is `unlocked(child)` or carries its own
 * `secure(child, check)`.
 *
 * Define the check as a static method (Pecan's classmethod) or as an instance method; it gets
 * the request, may be async, and denies by default. Which class's check applies is decided by
 * the class of the controller serving the request, so a method inherited from a plain base class
 * is protected here and nowhere else (Pecan's per-class copies, issue #131).
 */
export class SecureController {
  constructor() {
    activateSecurity();
  }

  /** Grants access when it returns (or resolves to) a truthy value. Denies by default. */
  static checkPermissions(_request: PecanRequest): unknown {
    return false;
  }

  /** An instance check, when the decision needs the controller's own state. */
  checkPermissions?(request: PecanRequest): unknown;
}

/** Runs the class-wide check of `controller` with the right `this` (instance or class). */
export function callClassCheck(controller: SecureController, request: PecanRequest): unknown {
  if (typeof controller.checkPermissions === 'function') {
    return controller.checkPermissions(request);
  }
  return (controller.constructor as typeof SecureController).checkPermissions(request);
}

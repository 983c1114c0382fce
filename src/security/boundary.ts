import type { PecanRequest } from '../core/request.js';
import {
  controllerSecurity,
  isSecurityActive,
  methodSecurity,
  type ControllerSecurity,
} from './marks.js';
import { callCheck, enforce, thenRun } from './run-check.js';
import { SecureController, callClassCheck } from './secure-controller.js';

/**
 * Security checks called by dispatch (§6.2). Both return nothing when access is allowed, throw
 * an HTTPError (401, or the check's own error) when it is not, and return a promise only when a
 * check is asynchronous. Until anything is secured they return at once (DESIGN §6: the hot path).
 *
 * `crossBoundary(prev, next, request, owner?)`: the walk enters `next` from controller `prev`,
 * or — when `owner` is given — from `prev`, a `_lookup`/`_route` method of controller `owner`.
 * `checkEndpoint(fn, self, request)`: the chosen endpoint `fn`, found on controller `self`, is
 * about to be called.
 */
export function crossBoundary(
  prev: unknown,
  next: unknown,
  request: PecanRequest,
  owner?: unknown,
): void | Promise<void> {
  if (!isSecurityActive()) return;
  const entering = controllerSecurity(next);
  const leaving = checkLeaving(prev, entering, request, owner);
  const check = entering?.check;
  if (check === null || check === undefined) return leaving;
  // §6.2 step 3: `secure(child, check)` runs its own check on entering, before anything below
  // it is resolved; a string names a method of the parent (the controller holding the child).
  const parent = owner !== undefined ? owner : prev;
  return thenRun(leaving, () => enforce(callCheck(check, parent, request)));
}

/**
 * Whether entering `next` from controller `prev` may run a check (§6.2): a walk through such a
 * boundary must run it on every request, so dispatch does not remember it.
 */
export function isBoundarySecured(prev: unknown, next: unknown): boolean {
  if (!isSecurityActive()) return false;
  return prev instanceof SecureController || controllerSecurity(next) !== undefined;
}

/** Whether calling the endpoint `fn` on controller `self` may run a check (§6.2 step 1). */
export function isEndpointSecured(fn: Function, self: unknown): boolean {
  if (!isSecurityActive()) return false;
  return methodSecurity(fn) !== undefined || self instanceof SecureController;
}

export function checkEndpoint(
  fn: Function,
  self: unknown,
  request: PecanRequest,
): void | Promise<void> {
  if (!isSecurityActive()) return;
  return checkMethod(fn, self, request);
}

/** §6.2 step 2: leaving a SecureController (or a secured `_lookup`/`_route`) runs its check. */
function checkLeaving(
  prev: unknown,
  entering: ControllerSecurity | undefined,
  request: PecanRequest,
  owner: unknown,
): void | Promise<void> {
  // A method's own state decides; `unlocked(child)` only exempts from a class-wide check.
  if (owner !== undefined) return checkMethod(prev as Function, owner, request);
  if (!(prev instanceof SecureController)) return;
  // §6.1: unlocked children, and children carrying their own check, skip the class check.
  if (entering !== undefined && (entering.unlocked || entering.check !== null)) return;
  return enforce(callClassCheck(prev, request));
}

/**
 * §6.2 step 1: a method's explicit `@secure`/`@unlocked` state wins (§6.2 step 5: an independent
 * check replaces the class check); otherwise an exposed method of a SecureController is
 * protected by the class check of the controller it is called on.
 */
function checkMethod(fn: Function, self: unknown, request: PecanRequest): void | Promise<void> {
  const security = methodSecurity(fn);
  if (security !== undefined) {
    if (security.state === 'any') return;
    return enforce(callCheck(security.check, self, request));
  }
  if (self instanceof SecureController) return enforce(callClassCheck(self, request));
}

import type { PecanRequest } from '../core/request.js';

/**
 * A permission check (§6.1): a function, called with the request, whose truthy result grants
 * access (it may return a promise, or throw its own HTTPError such as a 403); or the name of a
 * method looked up at request time — on the controller for `@secure('name')`, on the parent
 * controller for `secure(controller, 'name')`.
 */
export type SecurityCheck = ((request: PecanRequest) => unknown) | string;

/** Pecan's `Protected` (run `check`) and `Any` (`@unlocked`: no check) states of a method (§6.1). */
export type MethodSecurity =
  { readonly state: 'protected'; readonly check: SecurityCheck } | { readonly state: 'any' };

/** What `secure(controller, check)` / `unlocked(controller)` recorded about a controller object. */
export interface ControllerSecurity {
  /** The wrapper's own check, run on entering the controller (§6.2 step 3). */
  check: SecurityCheck | null;
  /** Entering it skips the parent SecureController's check (§6.1 `unlocked(obj)`). */
  unlocked: boolean;
}

const methods = new WeakMap<Function, MethodSecurity>();
const controllers = new WeakMap<object, ControllerSecurity>();
const ANY: MethodSecurity = { state: 'any' };

/**
 * How many security marks were ever made, in any app of the process. While it is 0 the boundary
 * checks return at once, so an app without security pays one test per controller on the hot
 * path. Each new mark also tells every app's route memo (dispatch/route-memo.ts) to forget what
 * it remembered: a path walked before its controller was secured is walked (and checked) again.
 * The memo itself is per app, and keeps remembering the paths whose walk crosses no security.
 */
let generation = 0;

export function isSecurityActive(): boolean {
  return generation !== 0;
}

/** Changes whenever something is secured or unlocked. */
export function securityGeneration(): number {
  return generation;
}

export function activateSecurity(): void {
  generation++;
}

export function protectMethod(fn: Function, check: SecurityCheck): void {
  activateSecurity();
  methods.set(fn, { state: 'protected', check });
}

export function unlockMethod(fn: Function): void {
  activateSecurity();
  methods.set(fn, ANY);
}

/** The explicit `@secure`/`@unlocked` state of `fn`, if it has one. */
export function methodSecurity(fn: Function): MethodSecurity | undefined {
  return methods.get(fn);
}

export function protectController(controller: object, check: SecurityCheck): void {
  activateSecurity();
  const security = controllers.get(controller);
  if (security !== undefined) security.check = check;
  else controllers.set(controller, { check, unlocked: false });
}

export function unlockController(controller: object): void {
  activateSecurity();
  const security = controllers.get(controller);
  if (security !== undefined) security.unlocked = true;
  else controllers.set(controller, { check: null, unlocked: true });
}

export function controllerSecurity(controller: unknown): ControllerSecurity | undefined {
  return typeof controller === 'object' || typeof controller === 'function'
    ? controllers.get(controller as object)
    : undefined;
}

import type { PecanRequest } from '../core/request.js';

/**
 * Security checks called by dispatch (§6.2). Both return nothing when access is allowed, throw
 * an HTTPError (401) when it is not, and may return a promise for async checks.
 *
 * `crossBoundary(prev, next)`: the walk moves from controller (or `_lookup`/`_route` method)
 * `prev` into controller `next`.
 * `checkEndpoint(fn, self)`: the chosen endpoint `fn`, found on controller `self`, is called.
 */
export function crossBoundary(
  _prev: unknown,
  _next: unknown,
  _request: PecanRequest,
): void | Promise<void> {}

export function checkEndpoint(
  _fn: Function,
  _self: unknown,
  _request: PecanRequest,
): void | Promise<void> {}

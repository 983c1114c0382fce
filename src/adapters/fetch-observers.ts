/**
 * §3.8: Pecan records the namespace and template of a response when WebTest marks the request
 * (`paste.testing`). Here `pecan/testing` marks the Fetch `Request` it sends, and `app.fetch`
 * hands it the final request (after internal redirects and error documents) once answered.
 */
import type { PecanRequest } from '../core/request.js';

export type FetchObserver = (finalRequest: PecanRequest) => void;

const observers = new WeakMap<Request, FetchObserver>();

/** Calls `observer` with the final PecanRequest when `app.fetch(request)` has answered it. */
export function observeFetch(request: Request, observer: FetchObserver): void {
  observers.set(request, observer);
}

export function fetchObserver(request: Request): FetchObserver | undefined {
  return observers.get(request);
}

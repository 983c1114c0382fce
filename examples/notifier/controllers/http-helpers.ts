/** The few translations between HTTP and the domain that several controllers share. */
import { abort, request, response } from 'pecan';
import type { FieldErrors } from '../../shared/notification.js';

export type { FieldErrors };

/**
 * A 400 that names every invalid field: `{code, title, description, errors: [{field,
 * message}]}` — pecan's JSON error body plus the list (the envelope's parser reports the same
 * shape). Returned, not thrown: nothing was written, so there is nothing to roll back.
 */
export function invalid(errors: FieldErrors) {
  response.status = 400;
  return invalidBody(errors);
}

/** The body of that 400. */
export function invalidBody(errors: FieldErrors) {
  return {
    code: 400,
    title: 'Bad Request',
    description: `Invalid ${Object.entries(errors)
      .map(([field, message]) => `${field} (${message})`)
      .join('; ')}`,
    errors,
  };
}

/** The JSON body; 415 when the request is not JSON (a form posted to the API, say). */
export function jsonBody(): unknown {
  if (!isJsonRequest()) abort(415, UNSUPPORTED);
  return request.json;
}

/**
 * The body as the endpoint's body schema (v1/schemas.ts) parsed it; 415 when the request is not
 * JSON, as `jsonBody`.
 */
export function validBody<T>(): T {
  if (!isJsonRequest()) abort(415, UNSUPPORTED);
  return request.valid!.body as T;
}

export const UNSUPPORTED = 'Send the body as application/json.';

export function isJsonRequest(): boolean {
  const type = request.contentType;
  return type === 'application/json' || type.endsWith('+json');
}

/** A path segment that must be a positive integer id; anything else is a 404. */
export function idFrom(segment: string): number {
  if (!/^[1-9]\d{0,14}$/.test(segment)) abort(404);
  return Number(segment);
}

/**
 * 303 See Other, for a form that changed something: the browser GETs `location`. Set on the
 * response rather than thrown as `redirect()`, because TransactionHook rolls back on a thrown
 * 303 (Pecan §5.5: only a 302 counts as success) — and the change must commit.
 */
export function seeOther(location: string): string {
  response.status = 303;
  response.headers.set('Location', location);
  return '';
}

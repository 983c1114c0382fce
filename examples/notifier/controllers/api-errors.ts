/**
 * The REST API answers every client error in JSON, whatever the client's Accept header says
 * (Pecan negotiates error bodies: plain text for curl's `*\/*`), so API clients always parse
 * one shape: Pecan's `{code, title, description}`. The web pages keep their HTML error page.
 */
import { STATUS_CODES } from 'node:http';
import { HTTPError, PecanHook, request, type State } from 'pecan';
import { fieldErrors } from '../../shared/parser-schema.js';
import { invalidBody, isJsonRequest, UNSUPPORTED } from './http-helpers.js';

const API = 'notifier.api';

export class ApiErrorsHook extends PecanHook {
  // onError hooks run from the highest priority down: TransactionHook's (100) first, so the
  // transaction is marked for rollback before this one answers.
  override priority = 50;

  override onRoute(state: State): void {
    // Set on the first pass only: the error page a 404 is forwarded to answers JSON as well.
    state.request.context[API] ??= isApiPath(state.request.path);
  }

  override onError(_state: State, error: unknown): Response | undefined {
    // Client errors only: a redirect (the trailing-slash one of /v1) keeps pecan's answer and
    // its Location; server errors keep the opaque 500.
    if (!isApiRequest() || !(error instanceof HTTPError)) return undefined;
    if (error.status < 400 || error.status >= 500) return undefined;
    if (error.errors !== undefined) {
      // The endpoint's schemas failed (v1/schemas.ts). A body that is not JSON is the 415
      // `jsonBody` gives; otherwise the same 400 as `invalid`, one message per field.
      if (error.errors.some((field) => field.location === 'body') && !isJsonRequest())
        return Response.json(problem(415, UNSUPPORTED), { status: 415 });
      return Response.json(invalidBody(fieldErrors(error.errors)), { status: 400 });
    }
    const headers = new Headers(error.headers);
    return Response.json(problem(error.status, error.detail), { status: error.status, headers });
  }
}

/** Whether this request (before any forward to an error page) was for the REST API. */
export function isApiRequest(): boolean {
  return request.context[API] === true;
}

/** Pecan's JSON error body. */
export function problem(status: number, detail: string | undefined) {
  const title = STATUS_CODES[status] ?? 'Error';
  return { code: status, title, description: detail || title };
}

function isApiPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/');
}

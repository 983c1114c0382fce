/**
 * Every error under /v1 as a JSON document, whatever the client's Accept header: Pecan's
 * `{code, title, description}`, plus `errors` (field → message) for invalid input.
 *
 * Priority 50 puts its onError after the TransactionHook's (onError runs by descending
 * priority), so the transaction is marked for rollback before this answers.
 */
import { STATUS_CODES } from 'node:http';
import { HTTPError, PecanHook, request, type FieldError, type State } from 'pecan';
import { Conflict, InvalidInput, NotFound } from '../../domain/errors.js';

export class JsonErrors extends PecanHook {
  override priority = 50;

  override onError(_state: State, error: unknown): Response | undefined {
    const response = toProblem(error);
    // The error page replaces 404s (app.errors); it sends this document again (root.ts).
    if (response) request.context[PROBLEM] = response.clone();
    return response;
  }
}

const PROBLEM = 'deployer.problem';

/**
 * The problem document this request answered with, if JsonErrors made one, as the error page's
 * body (the error-document middleware puts the original status back).
 */
export async function problemOf(): Promise<Response | undefined> {
  const original = request.context[PROBLEM] as Response | undefined;
  return original && new Response(await original.text(), { headers: original.headers });
}

/** `{code, title, description}` for a status, as Pecan's JSON error bodies. */
export function problemBody(status: number, description: string) {
  return { code: status, title: STATUS_CODES[status] ?? 'Error', description };
}

function problem(
  status: number,
  description: string,
  extra: Record<string, unknown> = {},
  headers?: HeadersInit,
): Response {
  const body = { ...problemBody(status, description), ...extra };
  return Response.json(body, { status, ...(headers && { headers }) });
}

function toProblem(error: unknown): Response | undefined {
  if (error instanceof InvalidInput)
    return problem(400, 'The request has invalid fields.', { errors: error.errors });
  if (error instanceof NotFound) return problem(404, error.message);
  if (error instanceof Conflict)
    return problem(
      409,
      error.message,
      error.field ? { errors: { [error.field]: error.message } } : {},
    );
  // A request that failed the endpoint's schemas (schemas.ts): the same document as the
  // domain's InvalidInput, one message per field.
  if (error instanceof HTTPError && error.errors !== undefined)
    return problem(400, 'The request has invalid fields.', { errors: fieldErrors(error.errors) });
  if (error instanceof HTTPError && error.status >= 400 && error.status < 500)
    return problem(error.status, error.detail ?? '', {}, error.headers);
  return undefined; // a 500: pecan logs it and answers
}

/** Pecan's field list as the domain's `{ field: message }`: `params.x`, or `body` for the whole. */
function fieldErrors(errors: readonly FieldError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { location, path, message } of errors) {
    // Every body schema is an object: failing as a whole means the body is not one.
    const whole = path.length === 0;
    const field = whole ? location : path.join('.');
    fields[field] ??= whole && location === 'body' ? 'Send a JSON object.' : message;
  }
  return fields;
}

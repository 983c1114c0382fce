/**
 * Stage 11b (docs/typed-apis.md): in debug and test mode, what a controller returns is checked
 * against its `response` schema; a mismatch is a server error whose log names the path of each
 * problem. The schema checks, it does not transform: the value returned is what is rendered.
 * Production skips the check (App.checkResponses).
 */
import { isPromise } from '../core/is-promise.js';
import type { StandardSchemaV1 } from '../core/standard-schema.js';

/** Throws (or rejects) when `value` does not match `schema`. */
export function checkResponse(
  schema: StandardSchemaV1,
  label: string,
  value: unknown,
): void | Promise<void> {
  const result = schema['~standard'].validate(value);
  if (!isPromise<StandardSchemaV1.Result<unknown>>(result)) return verdict(result, label);
  return result.then((settled) => verdict(settled, label));
}

function verdict(result: StandardSchemaV1.Result<unknown>, label: string): void {
  if (result.issues === undefined) return;
  const problems = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((part) =>
      String(typeof part === 'object' ? part.key : part),
    );
    return `${path.length > 0 ? path.join('.') : '(the whole value)'}: ${issue.message}`;
  });
  throw new Error(
    `${label} returned a response that does not match its schema: ${problems.join('; ')}`,
  );
}

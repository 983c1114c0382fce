import { HTTPError } from '../core/errors.js';
import type { Arguments } from '../app/state.js';
import type { Signature } from './signature.js';
import type { Params } from '../core/params.js';
import { nullObject } from '../core/null-object.js';
import type { PecanRequest } from '../core/request.js';

/**
 * Pecan's argument mapping (§2.2–2.4): path segments fill the declared parameters in order,
 * surplus segments go to a rest parameter (else 404), then the remaining parameters are taken
 * by name from the params, then their defaults. A missing required one is a 400 (DESIGN §5.3).
 * A final object-pattern parameter receives the params no parameter is named after.
 * `schemaParams`: the params were validated by a query or body schema (no 400 for a missing one).
 */
export function bindArguments(
  signature: Signature,
  label: string,
  remainder: readonly unknown[],
  params: Params,
  leading: number,
  schemaParams = false,
): Arguments {
  const declared = signature.params;
  const args: unknown[] = [];
  const varargs: unknown[] = [];
  let kwargs: Record<string, unknown> = EMPTY_KWARGS;
  let used = 0;
  // §2.2 step 1: empty segments never become arguments (a trailing slash, `a//b`).
  for (let i = 0; i < remainder.length; i++) {
    const segment = remainder[i];
    if (segment === '') continue;
    if (leading + used < declared.length) {
      args.push(segment);
      used++;
    } else if (signature.rest !== null) {
      varargs.push(segment);
    } else {
      throw new HTTPError(404);
    }
  }
  for (let i = leading + used; i < declared.length; i++) {
    const param = declared[i]!;
    const value = params[param.name];
    if (value !== undefined) args.push(value);
    // With a query or body schema, the schema says what is required: a name its output lacks is
    // optional (docs/typed-apis.md), whatever the parameter's default.
    else if (param.hasDefault || schemaParams) args.push(undefined);
    else throw new HTTPError(400, `Missing argument: "${param.name}" (${label})`);
  }
  if (signature.kwargs) {
    kwargs = nullObject();
    for (const name in params) if (!isDeclared(declared, name)) kwargs[name] = params[name];
  }
  return { args, varargs, kwargs };
}

/**
 * §2.2 step 2: the parent ids a nested RestController collected in `request.pecan.routingArgs`
 * (§4.3) go before the path remainder, and are consumed.
 */
export function withRoutingArgs(
  request: PecanRequest,
  remainder: readonly string[],
): readonly string[] {
  const ids = request.pecan.routingArgs;
  if (ids === undefined) return remainder;
  delete request.pecan.routingArgs;
  return [...ids, ...remainder];
}

const EMPTY_KWARGS: Record<string, unknown> = Object.freeze(Object.create(null)) as Record<
  string,
  unknown
>;

function isDeclared(declared: Signature['params'], name: string): boolean {
  for (const param of declared) if (param.name === name) return true;
  return false;
}

/** The argument list for the call: positional, the kwargs object, then surplus segments. */
export function callArguments(
  signature: Signature,
  bound: Arguments,
  prefix: readonly unknown[],
): unknown[] {
  // `apply` copies its argument list: the bound args themselves do when nothing is added.
  if (prefix.length === 0 && !signature.kwargs && signature.rest === null) return bound.args;
  const list = prefix.length === 0 ? bound.args.slice() : [...prefix, ...bound.args];
  if (signature.kwargs) {
    // A kwargs pattern may sit just before `...rest` (JS requires rest last): pad the gap.
    while (list.length < signature.params.length) list.push(undefined);
    list.push(bound.kwargs);
  }
  if (signature.rest !== null) for (const value of bound.varargs) list.push(value);
  return list;
}

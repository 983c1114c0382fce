import type { App } from './app.js';
import type { Arguments, State } from './state.js';
import type { ControllerMeta } from '../controller/meta.js';
import type { Endpoint } from '../dispatch/endpoint.js';
import type { Signature } from '../binding/signature.js';
import { explicitSignatureError } from '../core/pecan-errors.js';

/** No leading arguments: the context-locals mode (explicit mode passes `(req, res)`, §7.2). */
export const NO_PREFIX: readonly unknown[] = [];

/**
 * What the stages of one pass of the request story (lifecycle.ts) hand each other. One object
 * per pass, of one shape, so every stage function stays monomorphic.
 */
export class Flight {
  /** The path dispatch walks: the routing path less any extension (stage 3). */
  path = '';
  /** Stage 4: what dispatch found. */
  endpoint: Endpoint | null = null;
  /** Stage 6: the function that answers, and its metadata. */
  fn: Function | null = null;
  meta: ControllerMeta | null = null;
  /** Stage 8: the path remainder with validated path values, when the endpoint has schemas. */
  remainder: readonly unknown[] | null = null;
  /** Stage 8: a query or body schema validated the params (it decides which are required). */
  schemaParams = false;
  /** Stage 9: the leading `(req, res)` in explicit mode, and the bound arguments. */
  prefix: readonly unknown[] = NO_PREFIX;
  bound: Arguments | null = null;
  /** Stage 11: what the controller returned. */
  result: unknown = undefined;

  constructor(
    readonly app: App,
    readonly state: State,
  ) {}
}

/** Explicit mode (§7.2): every exposed method takes `(req, res, ...args)`. */
export function explicitPrefix(
  state: State,
  label: string,
  signature: Signature,
): readonly unknown[] {
  if (signature.params.length < 2) throw explicitSignatureError(label);
  return [state.request, state.response];
}

import type { Signature } from '../binding/signature.js';
import type { EndpointSchema, OperationDoc } from '../core/standard-schema.js';

/** A handler picked for one HTTP method of a generic controller (`@when`). */
export interface GenericHandler {
  fn: Function;
  meta: ControllerMeta;
}

/**
 * Everything `@expose` and friends record about one exposed function (Pecan's `_pecan` dict,
 * typed). Stored in a WeakMap keyed by the function, never on the function itself.
 */
export interface ControllerMeta {
  /** Content type → template (`null`: no template, the return value is the body). Insertion order is
   * registration order: the bottom-most decorator first (§3.3 "offers"). A `null` key is Pecan's
   * `content_type=None`. */
  contentTypes: Map<string | null, string | null>;
  /** The content type of the top-most (last applied) `@expose` (§3.1). */
  defaultContentType: string | null;
  /** Whether any `@expose` passed `contentType` explicitly (§3.2 step 3). */
  explicitContentType: boolean;
  /** `@expose({ generic: true })`: dispatch on the HTTP method through `handlers`. */
  generic: boolean;
  /** HTTP method → handler, for generic controllers (§3.5). */
  handlers: Map<string, GenericHandler> | null;
  /** True for a `@when` handler: it is not routable by its own name (§3.5). */
  isGenericHandler: boolean;
  /** The custom path segment from `@expose({ route })` (§1.9). */
  route: string | null;
  /** Parameter names, read once at decoration time (DESIGN §3). */
  signature: Signature | null;
  /** `@expose({ args })` names, when the source cannot be read. */
  explicitArgs: readonly string[] | null;
  /** Name for messages and logs, e.g. `RootController.index`. */
  label: string;
  /** `@expose({ schema })`: the endpoint's input and response schemas (docs/typed-apis.md). */
  schema: EndpointSchema | null;
  /** `@expose({ openapi })`: what the OpenAPI document adds about the endpoint. */
  doc: OperationDoc | null;
}

const metas = new WeakMap<Function, ControllerMeta>();

export function getMeta(fn: unknown): ControllerMeta | undefined {
  return typeof fn === 'function' ? metas.get(fn) : undefined;
}

/** Gives `wrapper` the very metadata of the method it wraps (controller/wraps.ts). */
export function shareMeta(wrapper: Function, meta: ControllerMeta): void {
  metas.set(wrapper, meta);
}

/** Returns the metadata of `fn`, creating an empty (not yet content-typed) record. */
export function ensureMeta(fn: Function, label: string): ControllerMeta {
  let meta = metas.get(fn);
  if (meta === undefined) {
    meta = {
      contentTypes: new Map(),
      defaultContentType: 'text/html',
      explicitContentType: false,
      generic: false,
      handlers: null,
      isGenericHandler: false,
      route: null,
      signature: null,
      explicitArgs: null,
      label,
      schema: null,
      doc: null,
    };
    metas.set(fn, meta);
  }
  return meta;
}

/** Pecan's `iscontroller()`: an exposed function. */
export function isExposed(value: unknown): value is Function {
  return typeof value === 'function' && metas.has(value);
}

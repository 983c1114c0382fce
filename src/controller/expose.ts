import './metadata-polyfill.js';
import { readSignature, signatureFromArgs } from '../binding/signature.js';
import { ensureMeta, getMeta, type ControllerMeta } from './meta.js';
import { isWrapper, unwrap } from './wraps.js';
import type {
  EndpointSchema,
  InferInput,
  OperationDoc,
  StandardSchemaV1,
} from '../core/standard-schema.js';
import {
  schemaError,
  segmentInvalidError,
  segmentTypeError,
  specialGenericError,
  specialRouteError,
  whenByNameError,
  whenMethodError,
  whenRouteError,
  whenTargetError,
  wrappedMethodError,
} from '../core/pecan-errors.js';

export interface ExposeOptions {
  /** Template for this content type: `'json'`, `'page.html'` (default engine) or `'engine:page.html'`. */
  template?: string | null;
  /** The content type this exposure produces (default `text/html`); `null` accepts any extension. */
  contentType?: string | null;
  /** Dispatch on the HTTP method through `@when` handlers (§3.5). */
  generic?: boolean;
  /** A custom path segment for this method, e.g. `'with-dash'` (§1.9). */
  route?: string;
  /** Parameter names, for code whose names are mangled: `['id', 'page?', '...rest', '{}']`. */
  args?: readonly string[];
  /** Standard Schema validators for the path, query, body and response (docs/typed-apis.md). */
  schema?: EndpointSchema;
  /** What the OpenAPI document says of this endpoint: summary, status, tags… */
  openapi?: OperationDoc;
}

export interface WhenOptions {
  method: string;
  template?: string | null;
  contentType?: string | null;
  args?: readonly string[];
  /** Standard Schema validators for this handler (docs/typed-apis.md). */
  schema?: EndpointSchema;
  /** What the OpenAPI document says of this handler. */
  openapi?: OperationDoc;
}

type MethodDecorator = <F extends Function>(fn: F, context?: ClassMethodDecoratorContext) => F;

/** What a method with a `response` schema may return: the schema's input, or a promise of it. */
export type ResponseOf<S extends EndpointSchema> = S['response'] extends StandardSchemaV1
  ? InferInput<S['response']> | Promise<InferInput<S['response']>>
  : unknown;

/**
 * The decorator `@expose({ schema })` returns: the method's return type is checked against the
 * `response` schema at compile time (its arguments are typed with `Valid<S>` / `Inputs<S>`).
 */
export type SchemaDecorator<S extends EndpointSchema> = <
  F extends (this: never, ...args: never[]) => ResponseOf<S>,
>(
  fn: F,
  context?: ClassMethodDecoratorContext,
) => F;

const SCHEMA_KEYS = ['path', 'query', 'body', 'response'] as const;

/** A schema must be a Standard Schema v1; checked once, at decoration time. */
function checkSchema(schema: EndpointSchema, label: string): EndpointSchema {
  const checked: EndpointSchema = {};
  for (const key of SCHEMA_KEYS) {
    const value: unknown = schema[key];
    if (value === undefined) continue;
    const props =
      (typeof value === 'object' || typeof value === 'function') && value !== null
        ? (value as Partial<StandardSchemaV1>)['~standard']
        : undefined;
    if (props === undefined || props.version !== 1 || typeof props.validate !== 'function') {
      throw schemaError(label, key);
    }
    checked[key] = value as StandardSchemaV1;
  }
  for (const key of Object.keys(schema)) {
    if (!(SCHEMA_KEYS as readonly string[]).includes(key)) throw schemaError(label, key);
  }
  return checked;
}

const SPECIAL = new Set(['_lookup', '_default', '_route']);
// §1.9: RFC 3986 path characters that need no escaping; '.' and '..' are rejected separately.
const VALID_ROUTE = /^[A-Za-z0-9\-_$().~!,;:*+@=]+$/;

export function validateRoute(route: unknown): asserts route is string {
  if (typeof route !== 'string') throw segmentTypeError(route);
  if (!VALID_ROUTE.test(route) || route === '.' || route === '..') {
    throw segmentInvalidError(route);
  }
}

function nameOf(fn: Function, context: ClassMethodDecoratorContext | undefined): string {
  if (context !== undefined) return String(context.name);
  return fn.name || '<anonymous>';
}

/** Records one `@expose` / `@when` exposure on `fn` (§3.1). */
function addExposure(
  fn: Function,
  name: string,
  template: string | null,
  contentType: string | null | undefined,
  args: readonly string[] | undefined,
  schema: EndpointSchema | undefined,
): ControllerMeta {
  const meta = ensureMeta(fn, name);
  if (schema !== undefined) meta.schema = checkSchema(schema, meta.label);
  const explicit = contentType !== undefined;
  // §3.1: template 'json' forces application/json whatever else was passed.
  let type: string | null =
    template === 'json' ? 'application/json' : explicit ? contentType : 'text/html';
  if (type !== null) type = type.toLowerCase();
  meta.contentTypes.set(type, template);
  meta.defaultContentType = type; // the top-most decorator is applied last and wins
  if (explicit) meta.explicitContentType = true;
  if (args !== undefined) {
    meta.explicitArgs = args;
    meta.signature = signatureFromArgs(args, name);
  } else if (meta.signature === null) {
    meta.signature = readSignature(unwrap(fn), name);
  }
  return meta;
}

/**
 * Wrapping decorators (controller/wraps.ts). Below @expose, a method whose name is not the
 * method's is a replacement that did not say what it wraps. Above, a decorator may swap the
 * exposed method for a plain one: checked once per class, when its first instance is made.
 */
function checkWrapping(fn: Function, context: ClassMethodDecoratorContext): void {
  if (context.kind !== 'method' || context.private || typeof context.name !== 'string') return;
  const name = context.name;
  if (fn.name !== name && !isWrapper(fn)) throw wrappedMethodError(name, 'below');
  context.addInitializer(function (this: unknown) {
    // The class this decorator ran in is the one whose metadata is `context.metadata`; its own
    // slot must still hold an exposed function (a subclass may shadow it, as in Pecan).
    const holder = definingHolder(this, context);
    if (holder === null) return;
    let names = checked.get(holder);
    if (names?.has(name)) return;
    const value = Object.getOwnPropertyDescriptor(holder, name)?.value as unknown;
    if (getMeta(value) === undefined) {
      const cls = context.static ? holder : (holder as { constructor?: Function }).constructor;
      throw wrappedMethodError(
        `${(cls as Function | undefined)?.name ?? 'controller'}.${name}`,
        'above',
      );
    }
    if (names === undefined) checked.set(holder, (names = new Set()));
    names.add(name);
  });
}

// Per class (its prototype, or the class for static methods): the exposed names already checked.
const checked = new WeakMap<object, Set<string>>();

/** The prototype (or, for a static method, the class) the decorated method was defined on. */
function definingHolder(self: unknown, context: ClassMethodDecoratorContext): object | null {
  let cls: unknown = context.static ? self : (self as { constructor?: unknown }).constructor;
  while (typeof cls === 'function') {
    if (
      Object.prototype.hasOwnProperty.call(cls, Symbol.metadata) &&
      (cls as { [Symbol.metadata]?: unknown })[Symbol.metadata] === context.metadata
    )
      return context.static ? cls : (cls.prototype as object);
    cls = Object.getPrototypeOf(cls);
  }
  return null;
}

function normalise(arg: string | ExposeOptions | undefined): ExposeOptions {
  if (arg === undefined) return {};
  if (typeof arg === 'string') return { template: arg };
  return arg;
}

function isDecoratorContext(value: unknown): value is ClassMethodDecoratorContext {
  return typeof value === 'object' && value !== null && 'kind' in value && 'name' in value;
}

/**
 * Marks a method as an endpoint (§3.1). Use as `@expose`, `@expose('json')`,
 * `@expose({ template, contentType, generic, route, args })`, or call it on a plain function:
 * `expose('json')(fn)`. Stack several to offer several content types.
 */
export function expose<F extends Function>(fn: F, context: ClassMethodDecoratorContext): F;
export function expose<const S extends EndpointSchema>(
  options: ExposeOptions & { schema: S },
): SchemaDecorator<S>;
export function expose(templateOrOptions?: string | ExposeOptions): MethodDecorator;
export function expose(
  first?: string | ExposeOptions | Function,
  maybeContext?: ClassMethodDecoratorContext,
): MethodDecorator | Function {
  if (typeof first === 'function') return expose()(first, maybeContext);
  const options = normalise(first);
  return <F extends Function>(fn: F, context?: ClassMethodDecoratorContext): F => {
    if (context !== undefined && !isDecoratorContext(context)) context = undefined;
    const name = nameOf(fn, context);
    if (context !== undefined) checkWrapping(fn, context);
    if (SPECIAL.has(name) && options.generic) {
      throw specialGenericError(name);
    }
    if (options.route !== undefined) {
      if (SPECIAL.has(name)) throw specialRouteError(name);
      validateRoute(options.route);
    }
    const meta = addExposure(
      fn,
      name,
      options.template ?? null,
      options.contentType,
      options.args,
      options.schema,
    );
    if (options.openapi !== undefined) meta.doc = { ...meta.doc, ...options.openapi };
    if (options.generic) {
      meta.generic = true;
      meta.handlers ??= new Map();
    }
    if (options.route !== undefined) meta.route = options.route;
    return fn;
  };
}

/** A `@when` registration waiting for its class to be scanned (the generic is looked up by name). */
export interface PendingWhen {
  genericName: string;
  method: string;
  fn: Function;
  meta: ControllerMeta;
}

export const PENDING_WHEN = Symbol('pecan.pendingWhen');

/**
 * Registers a method as the handler of generic controller `generic` for one HTTP method
 * (Pecan's `@index.when(method='POST')`, §3.5). `generic` is the name of the generic method in
 * the same class, or (for plain functions) the generic function itself.
 */
export function when<const S extends EndpointSchema>(
  generic: string | Function,
  options: WhenOptions & { schema: S },
): SchemaDecorator<S>;
export function when(generic: string | Function, options: WhenOptions): MethodDecorator;
export function when(generic: string | Function, options: WhenOptions): MethodDecorator {
  if (!options || typeof options.method !== 'string' || options.method === '') {
    throw whenMethodError();
  }
  if ('route' in options) throw whenRouteError();
  const method = options.method.toUpperCase();
  return <F extends Function>(fn: F, context?: ClassMethodDecoratorContext): F => {
    if (context !== undefined && !isDecoratorContext(context)) context = undefined;
    const meta = addExposure(
      fn,
      nameOf(fn, context),
      options.template ?? null,
      options.contentType,
      options.args,
      options.schema,
    );
    if (options.openapi !== undefined) meta.doc = { ...meta.doc, ...options.openapi };
    meta.isGenericHandler = true;
    if (typeof generic === 'function') {
      registerHandler(generic, method, fn, meta);
    } else if (context !== undefined) {
      const metadata = context.metadata as Record<symbol, PendingWhen[] | undefined>;
      if (!Object.prototype.hasOwnProperty.call(metadata, PENDING_WHEN)) {
        metadata[PENDING_WHEN] = [...(metadata[PENDING_WHEN] ?? [])];
      }
      metadata[PENDING_WHEN]!.push({ genericName: generic, method, fn, meta });
    } else {
      throw whenByNameError();
    }
    return fn;
  };
}

export function registerHandler(
  generic: Function,
  method: string,
  fn: Function,
  meta: ControllerMeta,
): void {
  const genericMeta = getMeta(generic);
  if (genericMeta === undefined || !genericMeta.generic) {
    throw whenTargetError(meta.label, generic.name || '<anonymous>');
  }
  (genericMeta.handlers ??= new Map()).set(method, { fn, meta });
}

const noncanonical = new WeakSet<Function>();

/** Serves `index` without the canonical trailing-slash redirect (§1.4, Pecan's `accept_noncanonical`). */
export function acceptNoncanonical<F extends Function>(
  fn: F,
  _context?: ClassMethodDecoratorContext,
): F {
  noncanonical.add(fn);
  return fn;
}

export function acceptsNoncanonical(fn: Function): boolean {
  return noncanonical.has(fn);
}

/**
 * The Standard Schema interface (https://standardschema.dev, v1), declared here so that pecan
 * depends on no validator: zod, valibot, arktype and others implement it under `~standard`.
 * Types only; the runtime use is in binding/validate-input.ts and binding/check-response.ts.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
}

/** The type a schema accepts. */
export type InferInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input'];
/** The type a schema produces (after its coercions, defaults and transforms). */
export type InferOutput<S extends StandardSchemaV1> = NonNullable<
  S['~standard']['types']
>['output'];

/** The schemas of one endpoint: `@expose({ schema: { path, query, body, response } })`. */
export interface EndpointSchema {
  /** The path segments bound to the method's positional parameters, as `{ name: segment }`. */
  path?: StandardSchemaV1;
  /** The query string: one key → a string, a repeated key → an array of strings. */
  query?: StandardSchemaV1;
  /** The body: a JSON value, or a form's fields (as the query's shape). */
  body?: StandardSchemaV1;
  /** What the controller returns; checked in debug and test mode only. */
  response?: StandardSchemaV1;
}

/**
 * What the OpenAPI document says about one endpoint beyond what pecan can read from it:
 * `@expose({ openapi: { summary, status: 201 } })` (docs/typed-apis.md "OpenAPI").
 */
export interface OperationDoc {
  summary?: string;
  description?: string;
  /** Tags of the operation (default: its controller class's name without `Controller`). */
  tags?: string[];
  /** A stable, unique id for code generators (default: from the class and method names). */
  operationId?: string;
  /** The status of a success (default 200), e.g. 201 for a create, 204 for no body. */
  status?: number;
  deprecated?: boolean;
  /** Leave the endpoint out of the document. */
  hidden?: boolean;
}

/** Where a failing input came from. */
export type InputLocation = 'path' | 'query' | 'body';

/** One failing field of a 400 validation error, as its JSON body lists it. */
export interface FieldError {
  location: InputLocation;
  /** The field's path inside its location, e.g. `['items', 0, 'name']` (empty: the whole value). */
  path: (string | number)[];
  message: string;
}

/** The validated values of a request with schemas, as `request.valid` holds them. */
export interface ValidInput {
  path: unknown;
  query: unknown;
  body: unknown;
}

/** `request.valid`, typed from an endpoint's schemas. */
export type Valid<S extends EndpointSchema> = {
  [K in 'path' | 'query' | 'body']: S[K] extends StandardSchemaV1 ? InferOutput<S[K]> : unknown;
};

type ObjectOutput<S> = S extends StandardSchemaV1
  ? InferOutput<S> extends Record<string, unknown>
    ? InferOutput<S>
    : never
  : never;

/**
 * What a final `{ ...kw }`-style parameter receives from an endpoint with schemas: the validated
 * query's fields and the validated body's fields, by name (body fields win).
 */
export type Inputs<S extends EndpointSchema> = [ObjectOutput<S['query']>] extends [never]
  ? [ObjectOutput<S['body']>] extends [never]
    ? Record<string, unknown>
    : ObjectOutput<S['body']>
  : [ObjectOutput<S['body']>] extends [never]
    ? ObjectOutput<S['query']>
    : Omit<ObjectOutput<S['query']>, keyof ObjectOutput<S['body']>> & ObjectOutput<S['body']>;

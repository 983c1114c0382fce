import type { ValidInput } from './standard-schema.js';
import type { HTTPError } from './errors.js';
import { parseCookies } from './cookies.js';
import { forwardedHost, forwardedScheme } from './forwarded.js';
import { parseQuery, type Params } from './params.js';
import {
  DEFAULT_JSON_LIMITS,
  parseContentType,
  parseJson,
  parseUrlencoded,
  type JsonLimits,
  type UploadedFile,
} from './body.js';

/** Read-only request headers: Fetch `Headers`, or the Node adapter's light wrapper. */
export interface RequestHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
  forEach(fn: (value: string, name: string) => void): void;
}

/** Reads the request body (the adapter knows how), bounded by `limit` bytes. */
export interface BodyReader {
  /** Whether the request announces a body (Content-Length > 0 or chunked). */
  readonly hasBody: boolean;
  /**
   * Reads the whole body (over `limit` → 413) and stores it in `into.body` before the promise
   * settles: the request has its body in the same continuation, without a promise of its own.
   */
  read(limit: number, into: { body: Buffer }): Promise<Buffer>;
}

/** Pecan's routing bag, `request.pecan` (§7.4). */
export interface RoutingState {
  /** The negotiated content type. */
  contentType: string | null;
  /** The URL extension that chose the content type, e.g. `.json`. */
  extension: string | null;
  /** The path used for routing (without `basePath`). */
  routingPath: string;
  /** Set by `overrideTemplate()`. */
  overrideTemplate?: string | null;
  overrideContentType?: string | null;
  /** What the controller returned (§3.8 `namespace`; unset when it returned a response). */
  namespace?: unknown;
  /** The template chosen for the result, `null` for none (§3.8 `template_name`). */
  templateName?: string | null;
  /** Parent ids collected by nested RestControllers (temporary). */
  routingArgs?: string[];
  /** On an error-document page: the error being documented. */
  originalError?: HTTPError;
  [key: string]: unknown;
}

/** The two parts of an origin, joined only if the request's `origin` or `url` is read. */
export interface OriginParts {
  /** `http` or `https`. */
  scheme: string;
  /** The Host header (`host[:port]`); `null`: read it from the headers when first needed. */
  host: string | null;
  /** The app trusts its proxy: `X-Forwarded-Proto`/`-Host` replace the parts (core/forwarded.ts). */
  trustProxy?: boolean;
}

export interface RequestInit {
  method: string;
  /** `scheme://host` of the request, without a trailing slash (or its parts). */
  origin: string | OriginParts;
  /** The path as received, still percent-encoded, including any `basePath`. */
  rawPath: string;
  /** The query string without `?` (may be ''). */
  queryString: string;
  headers: RequestHeaders;
  /** The mount prefix (Pecan's SCRIPT_NAME), '' when not mounted. */
  scriptName: string;
}

const EMPTY = Buffer.alloc(0);

/** `json` before the body was parsed (`undefined` is a parsed empty body). */
const UNPARSED: unique symbol = Symbol('unparsed');

/**
 * The request as controllers and hooks see it (`pecan.request`). Everything derived from the
 * raw request (origin, query, cookies, parsed bodies, `context`) is computed on first use; every
 * field is set in the constructor, so all requests share one object shape.
 */
export class PecanRequest {
  readonly method: string;
  readonly headers: RequestHeaders;
  readonly rawPath: string;
  readonly queryString: string;
  readonly scriptName: string;
  /** The decoded path below the mount point (Pecan's `path_info`); set when routing starts. */
  path = '';
  /** The raw body; empty until read (the lifecycle reads it before binding). */
  body: Buffer = EMPTY;
  /** The params bound to the controller: query merged with the JSON or form body (§2.1). */
  params: Params;
  /** Pecan's routing bag (§7.4). */
  pecan: RoutingState;
  /** The validated path, query and body of an endpoint with schemas (docs/typed-apis.md). */
  valid: ValidInput | undefined = undefined;
  private bodySource: BodyReader | null = null;
  private bodyLimit = 0;
  private jsonLimits: JsonLimits = DEFAULT_JSON_LIMITS;
  private bodyLoading: Promise<Buffer> | null = null;
  /** The adapter read the body before the lifecycle ran (`receivedBody`). */
  private bodyReceived = false;
  private originValue: string | OriginParts;
  private contextValue: Record<string, unknown> | undefined = undefined;
  private idValue: string | undefined = undefined;
  private queryValue: Params | undefined = undefined;
  private cookiesValue: Record<string, string> | undefined = undefined;
  private jsonValue: unknown = UNPARSED;
  private formValue: Params | undefined = undefined;
  private filesValue: Record<string, UploadedFile | UploadedFile[]> | undefined = undefined;
  private contentTypeValue: { type: string; params: Record<string, string> } | undefined =
    undefined;

  constructor(init: RequestInit) {
    this.method = init.method;
    this.headers = init.headers;
    this.originValue = init.origin;
    this.rawPath = init.rawPath;
    this.queryString = init.queryString;
    this.scriptName = init.scriptName;
    this.params = EMPTY_PARAMS;
    // Every field the lifecycle sets is there from the start: one object shape for all requests.
    this.pecan = {
      contentType: null,
      extension: null,
      routingPath: '',
      namespace: undefined,
      templateName: undefined,
    };
  }

  /** `scheme://host` of the request, without a trailing slash. */
  get origin(): string {
    const origin = this.originValue;
    if (typeof origin === 'string') return origin;
    let scheme = origin.scheme;
    let host = origin.host ?? this.headers.get('host') ?? 'localhost';
    if (origin.trustProxy === true) {
      scheme = forwardedScheme(this.headers) ?? scheme;
      host = forwardedHost(this.headers) ?? host;
    }
    return (this.originValue = `${scheme}://${host}`);
  }

  /**
   * The request's id: the incoming `X-Request-Id` (or the app's `requestId` header) when the
   * app honours one, else one generated on first use. Sent back in the response and written in
   * the access log when the app's `requestId` option is on.
   */
  get id(): string {
    return (this.idValue ??= globalThis.crypto.randomUUID());
  }

  set id(value: string) {
    this.idValue = value;
  }

  /** Per-request user data; carried over internal redirects (§7.3). */
  get context(): Record<string, unknown> {
    return (this.contextValue ??= {});
  }

  set context(value: Record<string, unknown>) {
    this.contextValue = value;
  }

  /** Connects the adapter's body reader; the body is read on first `loadBody()`. */
  attachBody(
    source: BodyReader | null,
    limit: number,
    jsonLimits: JsonLimits = DEFAULT_JSON_LIMITS,
  ): void {
    this.bodySource = source;
    this.bodyLimit = limit;
    this.jsonLimits = jsonLimits;
  }

  /** Shares the body (read or not) of `other`, for an internal redirect of the same request. */
  inheritBody(other: PecanRequest): void {
    // The same request, so the same id (read only if the first one had one).
    this.idValue = other.idValue;
    this.body = other.body;
    this.bodySource = other.bodySource;
    this.bodyLimit = other.bodyLimit;
    this.jsonLimits = other.jsonLimits;
    this.bodyLoading = other.bodyLoading;
    this.bodyReceived = other.bodyReceived;
  }

  /**
   * The adapter read the whole body before the lifecycle ran (a small one: node.ts), so the
   * pass that needs it goes on without waiting. What `bodyLimit` allows is the adapter's check.
   */
  receivedBody(body: Buffer): void {
    this.body = body;
    this.bodyReceived = true;
  }

  /** The adapter's early read failed (too large, or the client went away): `loadBody` rejects. */
  refuseBody(error: Error): void {
    const refused = Promise.reject(error);
    refused.catch(ignore); // answered when stage 8 asks for the body, if it does
    this.bodyLoading = refused;
  }

  /**
   * Whether the adapter read the whole body ahead, before the lifecycle ran (a small body on
   * Node): it is in `body` already, and stage 8 does not wait. A body read later says `false`.
   */
  get bodyRead(): boolean {
    return this.bodyReceived;
  }

  /** Whether the request announces a body. */
  get hasBody(): boolean {
    return this.bodySource !== null && this.bodySource.hasBody;
  }

  /**
   * Reads the whole body once (over the app's `bodyLimit` → 413) and stores it in `body`.
   * Dispatch code that needs the body early (a RestController's `_method`) awaits this.
   */
  loadBody(): Promise<Buffer> {
    if (this.bodyLoading === null) {
      const source = this.bodySource;
      this.bodyLoading =
        source !== null && source.hasBody && !this.bodyReceived
          ? source.read(this.bodyLimit, this)
          : Promise.resolve(this.body);
    }
    return this.bodyLoading;
  }

  /** The full URL of the request. */
  get url(): string {
    const qs = this.queryString;
    return qs === '' ? this.origin + this.rawPath : `${this.origin}${this.rawPath}?${qs}`;
  }

  /** The application's URL: origin plus mount point (WebOb's `application_url`). */
  get applicationUrl(): string {
    return this.origin + this.scriptName;
  }

  get host(): string {
    return this.headers.get('host') ?? '';
  }

  get query(): Params {
    // No query: an empty object, made the cheaper way (null-object.ts: it has nothing to read).
    return (this.queryValue ??=
      this.queryString === '' ? Object.create(null) : parseQuery(this.queryString));
  }

  get cookies(): Record<string, string> {
    return (this.cookiesValue ??= parseCookies(this.headers.get('cookie')));
  }

  /** The media type of the body, lower-cased, without parameters ('' when absent). */
  get contentType(): string {
    return this.parsedContentType.type;
  }

  get parsedContentType(): { type: string; params: Record<string, string> } {
    return (this.contentTypeValue ??= parseContentType(this.headers.get('content-type')));
  }

  get text(): string {
    return this.body.toString('utf8');
  }

  /** The JSON body (`undefined` when empty); malformed JSON is a 400 (DESIGN §5.12). */
  get json(): unknown {
    if (this.jsonValue === UNPARSED) this.jsonValue = parseJson(this.body, this.jsonLimits);
    return this.jsonValue;
  }

  /** Form fields of an urlencoded or multipart body (files included, as `UploadedFile`s). */
  get form(): Params {
    if (this.formValue === undefined) {
      this.formValue =
        this.contentType === 'application/x-www-form-urlencoded'
          ? parseUrlencoded(this.body)
          : Object.create(null);
    }
    return this.formValue!;
  }

  /** Uploaded files of a multipart body, by field name. */
  get files(): Record<string, UploadedFile | UploadedFile[]> {
    return (this.filesValue ??= Object.create(null));
  }

  /** Stores the parsed multipart body (parsing is asynchronous, so the lifecycle does it). */
  setMultipart(fields: Params, files: Record<string, UploadedFile | UploadedFile[]>): void {
    this.formValue = fields;
    this.filesValue = files;
  }
}

const EMPTY_PARAMS: Params = Object.freeze(Object.create(null)) as Params;

function ignore(): void {}

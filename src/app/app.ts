import {
  appHooks,
  buildChains,
  hooksFor,
  type HookChains,
  type HooksOption,
  type PecanHook,
} from '../hooks/pecan-hook.js';
import { Renderers, type RendererFactory } from '../render/renderers.js';
import { RouteMemo } from '../dispatch/route-memo.js';
import { HTTPError } from '../core/errors.js';
import type { State } from './state.js';
import { PecanResponse } from '../core/response.js';
import { PecanRequest } from '../core/request.js';
import { customClassError } from '../core/pecan-errors.js';
import { DEFAULT_JSON_LIMITS, type JsonLimits } from '../core/body.js';
import { defaultLogger, type Logger } from '../core/logger.js';
/**
 * The options of the app itself: what the request story reads. The edge's options (error
 * documents, static files, `wrapApp`, Node middleware) are `makeApp`'s, in `EdgeOptions`; the
 * public `AppOptions` is both.
 */
export interface AppCoreOptions {
  /** App-wide hooks (§5.2): a list, or a zero-argument function returning one. */
  hooks?: HooksOption;
  /** Debug mode: the debug error page (never in production). */
  debug?: boolean;
  /**
   * Check what controllers return against their `response` schemas (docs/typed-apis.md).
   * Default: on in debug mode and when `NODE_ENV` is `test`, off otherwise (production).
   */
  checkResponses?: boolean;
  /** Folder templates are read from (default `templates`, relative to the working directory). */
  templatePath?: string;
  /** Renderer for templates without an `engine:` prefix (default `eta`). */
  defaultRenderer?: string;
  /** Extra renderers by name (Pecan's `custom_renderers`). */
  customRenderers?: Record<string, RendererFactory>;
  /** Variables available to every template (Pecan's `extra_template_vars`). */
  extraTemplateVars?: Record<string, unknown>;
  /** Choose the content type from a URL extension such as `.json` (default true, §3.4). */
  guessContentTypeFromExt?: boolean;
  /** Redirect `/sub` to `/sub/` when `sub` is a controller with an index (default true, §1.4). */
  forceCanonical?: boolean;
  /** Bind `request`/`response` per request (default true); false is Pecan's explicit mode (§7.2). */
  contextLocals?: boolean;
  /** Mount the app under a path prefix (Pecan's SCRIPT_NAME, §1.11). */
  basePath?: string;
  /**
   * Trust the reverse proxy in front of the app (default false): the scheme and host of
   * `request.url` and of the redirects follow `X-Forwarded-Proto` (`http`/`https` only) and
   * `X-Forwarded-Host`, and the access log names the client from `X-Forwarded-For`. `true`
   * trusts every peer: only when the app cannot be reached around the proxy. A list of the
   * proxies' addresses or CIDR ranges (`['127.0.0.1']`) trusts only connections from them, so a
   * client reaching the app directly cannot spoof the headers (through `app.fetch`, which knows
   * no peer address, a list trusts nobody).
   */
  trustProxy?: boolean | readonly string[];
  /** Largest request body read, in bytes (default 1 MiB); beyond it → 413. */
  bodyLimit?: number;
  /**
   * Caps on a JSON body, like those on the query string and forms (beyond them → 400):
   * `maxKeys` object keys in the document (default 10 000), `maxDepth` levels (default 32).
   */
  jsonLimits?: Partial<JsonLimits>;
  /** Where pecan logs (default: errors and warnings to the console). */
  logger?: Logger;
  /**
   * The class of every request (Pecan's `request_cls`): `PecanRequest` or a subclass, built
   * with the same constructor argument.
   */
  requestCls?: typeof PecanRequest;
  /** The class of the response the controller fills (Pecan's `response_cls`), likewise. */
  responseCls?: typeof PecanResponse;
}

const MiB = 1024 * 1024;

/** The runtime-neutral application: options resolved once, hook chains precomputed. */
export class App {
  readonly root: unknown;
  readonly hooks: readonly PecanHook[];
  readonly onRouteHooks: PecanHook[] | null;
  /** before/after/onError chains of the app hooks alone (requests without controller hooks). */
  readonly chains: HookChains;
  readonly renderers: Renderers;
  readonly logger: Logger;
  /**
   * Answers an error no one handled. The edge sets the debug page here in debug mode (§8.6);
   * otherwise the opaque 500 is used. The app never imports the edge, so the page is injected.
   */
  unhandledPage: ((state: State, error: unknown) => PecanResponse) | null = null;
  readonly debug: boolean;
  /** Whether `response` schemas are checked (debug and test mode by default). */
  readonly checkResponses: boolean;
  readonly guessContentTypeFromExt: boolean;
  readonly forceCanonical: boolean;
  readonly contextLocals: boolean;
  readonly basePath: string;
  readonly bodyLimit: number;
  readonly jsonLimits: Readonly<JsonLimits>;
  readonly trustProxy: boolean | readonly string[];
  readonly defaultRenderer: string;
  readonly requestCls: typeof PecanRequest;
  readonly responseCls: typeof PecanResponse;
  /**
   * The request-id header (`X-Request-Id`), or null when ids are off. Set at the edge from the
   * `requestId` option — `pecan serve` turns it on — and read by the adapters only.
   */
  requestIdHeader: string | null = null;
  /** Where the adapters log each finished request, or null (set at the edge, like the above). */
  accessLog: Logger | null = null;
  /** Internal: endpoints of pure attribute walks, by routing path (dispatch/route-memo.ts). */
  readonly routeMemo = new RouteMemo();

  /** `options` with camelCase keys (`makeApp` renames Pecan's snake_case ones first). */
  constructor(root: unknown, options: AppCoreOptions = {}) {
    this.root = isClass(root) ? new root() : root;
    this.hooks = appHooks(options.hooks);
    this.onRouteHooks = hooksFor(this.hooks, 'onRoute');
    this.chains = buildChains(this.hooks);
    this.logger = options.logger ?? defaultLogger;
    this.debug = options.debug ?? false;
    this.checkResponses =
      options.checkResponses ?? (this.debug || globalThis.process?.env?.NODE_ENV === 'test');
    this.guessContentTypeFromExt = options.guessContentTypeFromExt ?? true;
    this.forceCanonical = options.forceCanonical ?? true;
    this.contextLocals = options.contextLocals ?? true;
    this.basePath = normaliseBasePath(options.basePath ?? '');
    this.bodyLimit = options.bodyLimit ?? MiB;
    this.trustProxy = trustProxyOption(options.trustProxy);
    this.jsonLimits = Object.freeze({ ...DEFAULT_JSON_LIMITS, ...definedOnly(options.jsonLimits) });
    this.defaultRenderer = options.defaultRenderer ?? 'eta';
    this.requestCls = subclassOf('requestCls', PecanRequest, options.requestCls);
    this.responseCls = subclassOf('responseCls', PecanResponse, options.responseCls);
    this.renderers = new Renderers({
      customRenderers: options.customRenderers,
      extraTemplateVars: options.extraTemplateVars,
      templatePath: options.templatePath,
      defaultRenderer: this.defaultRenderer,
      debug: this.debug,
    });
  }
}

/** The path below the app's mount point (§1.11, Pecan's SCRIPT_NAME); outside it, a 404. */
export function belowMount(app: App, rawPath: string): string {
  if (app.basePath === '') return rawPath;
  if (rawPath !== app.basePath && !rawPath.startsWith(`${app.basePath}/`)) throw new HTTPError(404);
  return rawPath.slice(app.basePath.length);
}

/** `given` when it is `base` or extends it; anything else fails loudly at start-up. */
function subclassOf<T extends Function>(option: string, base: T, given: unknown): T {
  if (given === undefined || given === null) return base;
  if (given === base || (typeof given === 'function' && given.prototype instanceof base))
    return given as T;
  const described =
    typeof given === 'function'
      ? `the unrelated class ${given.name || '(anonymous)'}`
      : typeof given === 'string'
        ? `the string ${JSON.stringify(given)}`
        : `a ${typeof given}`;
  throw customClassError(option, base.name, described);
}

function definedOnly(limits: Partial<JsonLimits> | undefined): Partial<JsonLimits> {
  const result: Partial<JsonLimits> = {};
  for (const key of ['maxKeys', 'maxDepth'] as const) {
    const value = limits?.[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`jsonLimits.${key} must be a positive integer, not ${String(value)}`);
    result[key] = value;
  }
  return result;
}

/** A controller class given as the root is instantiated once (Pecan's `Pecan('pkg.Class')`). */
function isClass(value: unknown): value is new () => unknown {
  return typeof value === 'function' && Function.prototype.toString.call(value).startsWith('class');
}

function normaliseBasePath(basePath: string): string {
  if (basePath === '' || basePath === '/') return '';
  const withSlash = basePath.startsWith('/') ? basePath : `/${basePath}`;
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

/** `trustProxy` as given, checked for its shape (the addresses are checked by makeApp). */
function trustProxyOption(value: unknown): boolean | readonly string[] {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
    return Object.freeze([...(value as string[])]);
  throw new TypeError(
    `trustProxy must be true, false or a list of the proxies' addresses (e.g. ['127.0.0.1']), not ${JSON.stringify(value)}`,
  );
}

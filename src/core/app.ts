import {
  appHooks,
  buildChains,
  hooksFor,
  type HookChains,
  type HooksOption,
  type PecanHook,
} from '../hooks/pecan-hook.js';
import { Renderers, type RendererFactory } from '../render/renderers.js';
import type { State } from './state.js';
import type { PecanResponse } from './response.js';
import { defaultLogger, type Logger } from './logger.js';
import type { StaticOptions } from '../middleware/static-files.js';
import type { WrapApp } from '../middleware/handler.js';
import type { NodeMiddleware } from '../middleware/node-middleware.js';

export interface AppOptions {
  /** App-wide hooks (§5.2): a list, or a zero-argument function returning one. */
  hooks?: HooksOption;
  /** Error documents: status → path served for that status (§8.4). */
  errors?: Record<number | string, string>;
  /** Debug mode: the debug error page (never in production). */
  debug?: boolean;
  /** Folder templates are read from (default `templates`, relative to the working directory). */
  templatePath?: string;
  /**
   * Folder of static files (§13), served in debug mode — or always with `serveStatic`. A file
   * shadows any route with the same path.
   */
  staticRoot?: string;
  /**
   * Serve `staticRoot` whatever `debug` says (`true`, or options such as `{ index: true }`);
   * `false` turns it off in debug mode too. Default: serve only in debug mode, as Pecan.
   */
  serveStatic?: boolean | StaticOptions;
  /** Pecan's `wrap_app`: wraps the app's handler once, innermost (§0.1); both entry points. */
  wrapApp?: WrapApp;
  /** Connect/Express-style `(req, res, next)` middleware around the Node entry point. */
  middleware?: NodeMiddleware[];
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
  /** Largest request body read, in bytes (default 1 MiB); beyond it → 413. */
  bodyLimit?: number;
  /** Where pecan logs (default: errors and warnings to the console). */
  logger?: Logger;
  /**
   * Request ids: `true` honours an incoming `X-Request-Id` (or makes one) and sends it back;
   * a string names another header. The id is `request.id` and is in the access log.
   */
  requestId?: boolean | string;
  /**
   * One record per request (method, path, status, duration, bytes, request id): `true` writes
   * JSON lines to stdout, or give a logger (pino or any `Logger`). See docs/deployment.md.
   */
  accessLog?: boolean | Logger;
}

import { RouteMemo } from '../dispatch/route-memo.js';

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
   * otherwise the opaque 500 is used. Core never imports the edge, so the page is injected.
   */
  unhandledPage: ((state: State, error: unknown) => PecanResponse) | null = null;
  readonly debug: boolean;
  readonly guessContentTypeFromExt: boolean;
  readonly forceCanonical: boolean;
  readonly contextLocals: boolean;
  readonly basePath: string;
  readonly bodyLimit: number;
  readonly defaultRenderer: string;
  readonly errors: ReadonlyMap<number, string>;
  /**
   * The request-id header (`X-Request-Id`), or null when ids are off. Set at the edge from the
   * `requestId` option — `pecan serve` turns it on — and read by the adapters only.
   */
  requestIdHeader: string | null = null;
  /** Where the adapters log each finished request, or null (set at the edge, like the above). */
  accessLog: Logger | null = null;
  /** The options as given (snake_case keys renamed), for the edge layers `makeApp` builds. */
  readonly options: AppOptions;
  /** Internal: endpoints of pure attribute walks, by routing path (dispatch/route-memo.ts). */
  readonly routeMemo = new RouteMemo();

  constructor(root: unknown, given: AppOptions = {}) {
    const options = camelCaseKeys(given);
    this.options = options;
    this.root = isClass(root) ? new root() : root;
    this.hooks = appHooks(options.hooks);
    this.onRouteHooks = hooksFor(this.hooks, 'onRoute');
    this.chains = buildChains(this.hooks);
    this.logger = options.logger ?? defaultLogger;
    this.debug = options.debug ?? false;
    this.guessContentTypeFromExt = options.guessContentTypeFromExt ?? true;
    this.forceCanonical = options.forceCanonical ?? true;
    this.contextLocals = options.contextLocals ?? true;
    this.basePath = normaliseBasePath(options.basePath ?? '');
    this.bodyLimit = options.bodyLimit ?? MiB;
    this.defaultRenderer = options.defaultRenderer ?? 'eta';
    this.errors = new Map(
      Object.entries(options.errors ?? {}).map(([status, path]) => [Number(status), path]),
    );
    this.renderers = new Renderers({
      customRenderers: options.customRenderers,
      extraTemplateVars: options.extraTemplateVars,
      templatePath: options.templatePath,
      defaultRenderer: this.defaultRenderer,
      debug: this.debug,
    });
  }
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

/** DESIGN §5.1: Pecan's snake_case option names (`force_canonical`) are aliases. */
function camelCaseKeys(options: AppOptions): AppOptions {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    result[key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return result as AppOptions;
}

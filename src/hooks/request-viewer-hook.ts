import { PecanHook } from './pecan-hook.js';
import { getMeta } from '../controller/meta.js';
import type { State } from '../app/state.js';
import type { PecanRequest } from '../core/request.js';
import { viewerConfigError } from '../core/pecan-errors.js';

/** Where the terminal output goes: anything with `write(text)` (default `process.stdout`). */
export interface Writer {
  write(text: string): unknown;
}

export interface RequestViewerConfig {
  /** The items to show, replacing the defaults (§5.6). */
  items?: readonly string[];
  /** Path prefixes for which nothing is shown (`'/'` silences every request). */
  blacklist?: readonly string[];
}

/** A config given as a pecan `Config` object (anything with `toDict()`) is read as its dict. */
type ConfigSource = RequestViewerConfig | { toDict(): Record<string, unknown> };

/**
 * A debugging `after` hook (§5.6): for each request it writes the chosen items to a terminal
 * stream, one `name - value` line each, and sets them as `X-Pecan-<item>` response headers.
 * Items: `path`, `status`, `method`, `controller`, `params`, `hooks` (the default list), or
 * any request attribute (`url`, `queryString`, `scriptName`, …) or WebOb header attribute
 * (`date`, `user_agent`, `referer`, …); unknown names are skipped.
 */
export class RequestViewerHook extends PecanHook {
  static readonly available: readonly string[] = [
    'path',
    'status',
    'method',
    'controller',
    'params',
    'hooks',
  ];
  readonly config: RequestViewerConfig;
  readonly items: readonly string[];
  readonly blacklist: readonly string[];

  constructor(
    config?: ConfigSource | null,
    readonly writer: Writer = defaultWriter(),
    readonly terminal = true,
    readonly headers = true,
  ) {
    super();
    const dict = hasToDict(config) ? fromDict(config.toDict()) : config;
    this.config = dict ? dict : { items: RequestViewerHook.available };
    this.items = this.config.items ?? RequestViewerHook.available;
    this.blacklist = this.config.blacklist ?? [];
  }

  override after(state: State): void {
    const path = state.request.scriptName + state.request.path;
    if (this.blacklist.some((prefix) => path.startsWith(prefix))) return;
    const shown: [string, string][] = [];
    for (const item of this.items) {
      let value: unknown;
      try {
        value = this.itemValue(state, item);
      } catch (error) {
        value = error instanceof Error ? error.message : error; // Pecan shows the exception
      }
      if (value !== SKIP) shown.push([item, display(value)]);
    }
    if (this.terminal) {
      this.writer.write(shown.map(([item, text]) => `${item.padEnd(12)} - ${text}\n`).join(''));
      this.writer.write('\n\n');
    }
    if (this.headers) {
      for (const [item, text] of shown)
        state.response.headers.set(`X-Pecan-${item}`, headerSafe(text));
    }
  }

  /** The class names of `hooks`, for the `hooks` item (Pecan's `format_hooks`). */
  formatHooks(hooks: readonly object[]): string[] {
    return hooks.map((hook) => hook.constructor.name);
  }

  private itemValue(state: State, item: string): unknown {
    const { request, response } = state;
    switch (item) {
      case 'path':
        return request.scriptName + request.path;
      case 'status':
        return `${response.status} ${response.reason}`.trimEnd();
      case 'method':
        return request.method;
      case 'controller':
        return getMeta(state.controller)?.label ?? state.controller?.name ?? null;
      case 'params':
        return paramPairs(request);
      case 'hooks':
        // DESIGN §5.10: the hooks that applied to this request (Pecan listed the app's only).
        return this.formatHooks(state.hooks);
    }
    const attribute = camelCase(item);
    if (REQUEST_ATTRIBUTES.has(attribute)) return request[attribute as keyof PecanRequest];
    const header = HEADER_ATTRIBUTES.get(snakeCase(item));
    return header === undefined ? SKIP : request.headers.get(header);
  }
}

const SKIP = Symbol('skip');

function hasToDict(config: unknown): config is { toDict(): Record<string, unknown> } {
  return typeof (config as { toDict?: unknown } | null | undefined)?.toDict === 'function';
}

/** §5.6 `test_deal_with_pecan_configs`: the `items` and `blacklist` of a Config's dict. */
function fromDict(dict: Record<string, unknown>): RequestViewerConfig {
  const list = (key: string): string[] | undefined => {
    const value = dict[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw viewerConfigError(key);
    return value.map(String);
  };
  const config: RequestViewerConfig = {};
  const items = list('items');
  const blacklist = list('blacklist');
  if (items !== undefined) config.items = items;
  if (blacklist !== undefined) config.blacklist = blacklist;
  return config;
}

/** The public request attributes an item may name (never internals). */
const REQUEST_ATTRIBUTES = new Set([
  'method',
  'url',
  'rawPath',
  'queryString',
  'scriptName',
  'origin',
  'host',
  'applicationUrl',
  'contentType',
  'query',
  'cookies',
  'context',
  'pecan',
  'headers',
  'text',
  'json',
  'form',
]);

/** WebOb request attributes that read a header, by the names Pecan configs use. */
const HEADER_ATTRIBUTES = new Map([
  ['date', 'date'],
  ['user_agent', 'user-agent'],
  ['referer', 'referer'],
  ['referrer', 'referer'],
  ['accept', 'accept'],
  ['accept_language', 'accept-language'],
  ['accept_encoding', 'accept-encoding'],
  ['accept_charset', 'accept-charset'],
  ['authorization', 'authorization'],
  ['cache_control', 'cache-control'],
  ['content_length', 'content-length'],
  ['if_match', 'if-match'],
  ['if_none_match', 'if-none-match'],
  ['if_modified_since', 'if-modified-since'],
  ['if_unmodified_since', 'if-unmodified-since'],
  ['range', 'range'],
]);

/** One (name, value) param, shown as Pecan's tuple `('name', 'value')`. */
class Pair {
  constructor(
    readonly name: string,
    readonly value: unknown,
  ) {}
}

/** §5.6: the params as (name, value) pairs, a repeated name once per value. */
function paramPairs(request: PecanRequest): Pair[] {
  // Before stage 8 (a routing failure) the bound params are not known yet: show the query.
  const params = Object.keys(request.params).length > 0 ? request.params : request.query;
  const pairs: Pair[] = [];
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) pairs.push(new Pair(name, one));
  }
  return pairs;
}

/** Python's `str(value)`: text as is, lists as `['a', 'b']`, pairs as `('k', 'v')`. */
function display(value: unknown): string {
  return typeof value === 'string' ? value : repr(value, 0);
}

function repr(value: unknown, depth: number): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || typeof value !== 'object') return String(value);
  if (depth > 3) return '…';
  if (value instanceof Pair) return `(${repr(value.name, depth)}, ${repr(value.value, depth)})`;
  if (Array.isArray(value)) return `[${value.map((one) => repr(one, depth + 1)).join(', ')}]`;
  const entries: [string, unknown][] = [];
  if (typeof (value as { forEach?: unknown }).forEach === 'function' && !(value instanceof Map)) {
    (value as { forEach(fn: (v: unknown, k: string) => void): void }).forEach((v, k) =>
      entries.push([k, v]),
    );
  } else {
    entries.push(...Object.entries(value));
  }
  return `{${entries.map(([k, v]) => `${repr(k, depth + 1)}: ${repr(v, depth + 1)}`).join(', ')}}`;
}

/** Header values cannot carry line breaks or other control characters (or non-Latin-1). */
function headerSafe(text: string): string {
  return text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).replace(/-/g, '_');
}

function defaultWriter(): Writer {
  const stdout = (globalThis as { process?: { stdout?: Writer } }).process?.stdout;
  return stdout ?? { write: (text: string) => console.log(text.replace(/\n$/, '')) };
}

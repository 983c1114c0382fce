/**
 * §11.2: the `Config` object — attribute access to nested sections, `get`, `toDict`, deep
 * `update`, iteration as `[key, value]` pairs, `%(confdir)s` expansion and `__force_dict__`.
 */
import path from 'node:path';
import { inspect } from 'node:util';
import { canonicalKey, checkKey, childPath, isNativeDictPath } from './config-keys.js';
import { isPlainObject } from '../core/is-plain-object.js';

/** What a Config is built or updated from: a plain object, another Config, or `[key, value]` pairs. */
export type ConfigSource =
  Config | { readonly [key: string]: unknown } | Iterable<readonly [string, unknown]>;

export interface ConfigOptions {
  /** The config file these values came from: `%(confdir)s` expands to its folder (§11.4). */
  file?: string;
}

interface Entry {
  /** The key as it was written (`static_root` or `staticRoot`). */
  key: string;
  value: unknown;
}

interface ConfigState {
  /** By canonical key (DESIGN §5.1), in insertion order. */
  entries: Map<string, Entry>;
  file: string;
  /** Dotted path of this section from the top ('' at the top), for messages. */
  path: string;
}

// State lives beside the object, so the Proxy's own keys are exactly the config keys.
const states = new WeakMap<object, ConfigState>();
// §11.3: `__force_dict__` sections are stored as plain objects and never converted again.
const forcedDicts = new WeakSet<object>();

/**
 * A configuration: `conf.app.root`, `conf.get('key', fallback)`, `conf.toDict()`,
 * `conf.update({...})`, `for (const [key, value] of conf)`. Nested plain objects become Configs.
 * Missing keys read as `undefined` (Pecan raised AttributeError; see docs/configuration.md).
 */
export class Config implements Iterable<[string, unknown]> {
  [key: string]: unknown;

  constructor(values?: ConfigSource | null, options: ConfigOptions = {}) {
    const state: ConfigState = { entries: new Map(), file: options.file ?? '', path: '' };
    const proxy = new Proxy(this, HANDLER);
    states.set(this, state);
    states.set(proxy, state);
    if (values) proxy.update(values);
    return proxy;
  }

  /** The config file the values came from ('' when built from an object). */
  get __file__(): string {
    return stateOf(this).file;
  }

  /** The value of `key` (either spelling), or `fallback` when it is missing. */
  get(key: string, fallback?: unknown): unknown {
    const entry = stateOf(this).entries.get(canonicalKey(key));
    return entry === undefined ? fallback : entry.value;
  }

  /**
   * Merges `values` in: nested sections are updated key by key (deep merge), other values
   * replaced. Every key must be an identifier (§11.3).
   */
  update(values: ConfigSource): this {
    const state = stateOf(this);
    for (const [key, value] of entriesOf(values)) {
      checkKey(key, state.path);
      const current = state.entries.get(canonicalKey(key))?.value;
      if (current instanceof Config) {
        if (!isSectionSource(value)) {
          throw new TypeError(
            `cannot replace the config section '${childPath(state.path, key)}' with ${describe(value)}`,
          );
        }
        current.update(value);
      } else {
        setEntry(state, key, value);
      }
    }
    return this;
  }

  /** A plain object of the values, recursively; `prefix` is added to every key at every level. */
  toDict(prefix = ''): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const { key, value } of stateOf(this).entries.values()) {
      Object.defineProperty(result, prefix + key, {
        value: value instanceof Config ? value.toDict(prefix) : value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }

  /** Removes every key. */
  empty(): void {
    stateOf(this).entries.clear();
  }

  /** `[key, value]` pairs, so `Object.fromEntries(conf)` and `new Map(conf)` work. */
  *[Symbol.iterator](): Iterator<[string, unknown]> {
    for (const { key, value } of stateOf(this).entries.values()) yield [key, value];
  }

  toJSON(): Record<string, unknown> {
    return this.toDict();
  }

  toString(): string {
    return inspect(this);
  }

  [inspect.custom](
    _depth: number,
    options: object,
    inspectValue: (value: unknown, options: object) => string,
  ): string {
    const shallow: Record<string, unknown> = {};
    for (const [key, value] of this)
      Object.defineProperty(shallow, key, { value, enumerable: true });
    return `Config(${inspectValue(shallow, options)})`;
  }
}

const HANDLER: ProxyHandler<Config> = {
  get(target, property, receiver) {
    // Methods win over keys of the same name, as attributes do in Pecan.
    if (typeof property === 'symbol' || property in target)
      return Reflect.get(target, property, receiver);
    return stateOf(target).entries.get(canonicalKey(property))?.value;
  },
  set(target, property, value, receiver) {
    if (typeof property === 'symbol') return Reflect.set(target, property, value, receiver);
    setEntry(stateOf(target), property, value);
    return true;
  },
  has(target, property) {
    if (typeof property === 'string' && stateOf(target).entries.has(canonicalKey(property)))
      return true;
    return Reflect.has(target, property);
  },
  deleteProperty(target, property) {
    if (typeof property === 'string') stateOf(target).entries.delete(canonicalKey(property));
    return true;
  },
  ownKeys(target) {
    return [...stateOf(target).entries.values()].map((entry) => entry.key);
  },
  getOwnPropertyDescriptor(target, property) {
    if (typeof property !== 'string') return undefined;
    const entry = stateOf(target).entries.get(canonicalKey(property));
    if (entry === undefined) return undefined;
    return { value: entry.value, writable: true, enumerable: true, configurable: true };
  },
  defineProperty(target, property, descriptor) {
    if (typeof property !== 'string' || !('value' in descriptor)) return false;
    setEntry(stateOf(target), property, descriptor.value);
    return true;
  },
};

function stateOf(config: object): ConfigState {
  const state = states.get(config);
  if (state === undefined) throw new TypeError('not a pecan Config');
  return state;
}

/** Records the file a loaded config came from (Pecan keeps `conf.__file__`, §11.6). */
export function setConfigFile(config: Config, file: string): void {
  stateOf(config).file = file;
}

function setEntry(state: ConfigState, key: string, value: unknown): void {
  // Map.set keeps the position of an existing key, like assigning to a Python dict.
  state.entries.set(canonicalKey(key), { key, value: convertValue(state, key, value) });
}

/** §11.2–11.4: dicts become sections (or plain dicts when forced), strings expand `confdir`. */
function convertValue(state: ConfigState, key: string, value: unknown): unknown {
  if (typeof value === 'string') return expandConfdir(value, state.file);
  if (!isPlainObject(value) || forcedDicts.has(value)) return value;
  const path = childPath(state.path, key);
  if (value.__force_dict__ || isNativeDictPath(path)) return forceDict(value);
  const section = new Config(undefined, { file: state.file });
  stateOf(section).path = path;
  return section.update(value);
}

function forceDict(value: Record<string, unknown>): Record<string, unknown> {
  const dict = Object.fromEntries(
    Object.entries(value).filter(([key]) => key !== '__force_dict__'),
  );
  forcedDicts.add(dict);
  return dict;
}

const CONFDIR = /%\(confdir\)s|\$\{confdir\}/g;

/** §11.4: `%(confdir)s` (or `${confdir}`) is the config file's folder, else the working directory. */
function expandConfdir(value: string, file: string): string {
  if (!value.includes('confdir')) return value;
  const dir = file === '' ? process.cwd() : path.dirname(file);
  return value.replace(CONFDIR, () => dir);
}

/** An object literal (or JSON object): what Pecan's configs write as a dict (core/is-plain-object.ts). */
export { isPlainObject };

function isSectionSource(value: unknown): value is ConfigSource {
  return value instanceof Config || isPlainObject(value);
}

function entriesOf(values: ConfigSource): Iterable<readonly [unknown, unknown]> {
  if (values instanceof Config) return values;
  if (isPlainObject(values)) return Object.entries(values);
  if (typeof values === 'object' && values !== null && Symbol.iterator in values) return values;
  throw new TypeError(`a config must be built from an object, not ${describe(values)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${value.constructor?.name})` : `a ${typeof value}`;
}

/**
 * §12.5: building the application from its configuration — `loadApp` and `deploy`, the entry
 * points of `pecan serve`, process managers and `loadTestApp`.
 */
import path from 'node:path';
import { makeApp, type PecanApp } from '../make-app.js';
import type { AppOptions } from '../make-app.js';
import { Config, type ConfigSource } from './config.js';
import { conf, setConfig } from './global-config.js';
import { createLogger } from '../logging/create-logger.js';
import { createAccessLogger } from '../logging/access-logger.js';
import { ConfigError, importFailure } from './config-error.js';
import { importSpecifier, resolvedFile, type ModuleRecord } from './import-module.js';
import type { PecanConf } from './settings.js';

/** An app built from a config; `config` is the global `conf` it was built from. */
export type LoadedApp = PecanApp & { readonly config: PecanConf };

/**
 * Sets the global `conf` from `config` (a file path, an object or a Config; `PECAN_CONFIG`
 * when omitted), replacing what was there, then builds the app: the first of `app.modules`
 * exporting `setupApp(config)` builds it; otherwise `makeApp(app.root, app options)`.
 * `extra` is passed to `setupApp` as its second argument.
 */
export async function loadApp(
  config?: string | ConfigSource | null,
  extra: Record<string, unknown> = {},
): Promise<LoadedApp> {
  // §12.5 step 1: set_config(config, overwrite=True).
  await setConfig(config, { overwrite: true });
  const app = await buildApp(extra);
  // §12.5 step 3: `app.config = conf`.
  return Object.assign(app, { config: conf });
}

/** Pecan's `deploy(config)`: the app for a config file, for process managers and servers. */
export function deploy(configPath?: string): Promise<LoadedApp> {
  return loadApp(configPath);
}

async function buildApp(extra: Record<string, unknown>): Promise<PecanApp> {
  const baseDir = conf.__file__ === '' ? process.cwd() : path.dirname(conf.__file__);
  const appSection = conf.app instanceof Config ? conf.app : new Config();
  const modules = (appSection.modules ?? []) as unknown;
  if (!Array.isArray(modules))
    throw new ConfigError(
      conf.__file__,
      `${conf.__file__}: app.modules must be an array of module specifiers, e.g. ['./app.js']`,
    );
  // §12.5 step 2: the first module with a setupApp builds the app.
  for (const specifier of modules) {
    const module = await importNamed(String(specifier), baseDir, 'app.modules');
    // Pecan looked in the package's `app` module: `export * as app from './app.js'` works too.
    const setup = module.setupApp ?? module.setup_app ?? setupOf(module.app);
    if (typeof setup !== 'function') continue;
    const app: unknown = await (setup as (config: PecanConf, extra: object) => unknown)(
      conf,
      extra,
    );
    if (typeof app !== 'function' || typeof (app as Partial<PecanApp>).fetch !== 'function') {
      throw new TypeError(`setupApp in ${String(specifier)} must return the app made by makeApp()`);
    }
    return app as PecanApp;
  }
  const root = appSection.root;
  if (root === undefined || root === null) {
    const problem =
      modules.length > 0
        ? `no setupApp found in any of the configured app.modules (${modules.join(', ')}), and app.root is not set: export setupApp(config) from one of them, or set app.root`
        : `the config sets neither app.root (the root controller) nor app.modules (with a setupApp): add app: { root: './controllers/root.js#RootController' }`;
    throw new ConfigError(
      conf.__file__,
      conf.__file__ === ''
        ? problem[0]!.toUpperCase() + problem.slice(1)
        : `${conf.__file__}: ${problem}`,
    );
  }
  return makeApp(await resolveRoot(root, baseDir), appOptions(appSection));
}

/** `'./controllers/root.js#RootController'` → that export; without `#Name`, the default export. */
async function resolveRoot(root: unknown, baseDir: string): Promise<unknown> {
  if (typeof root !== 'string') return root;
  const hash = root.lastIndexOf('#');
  const specifier = hash === -1 ? root : root.slice(0, hash);
  const name = hash === -1 ? 'default' : root.slice(hash + 1);
  const module = await importNamed(specifier, baseDir, 'app.root');
  if (!(name in module) || module[name] === undefined)
    throw new ConfigError(
      conf.__file__,
      `app.root: the module ${specifier} has no export named '${name}' (export it, or name another after '#')`,
    );
  return module[name];
}

/** Imports a module the config names; a missing file or a syntax error is a ConfigError. */
async function importNamed(
  specifier: string,
  baseDir: string,
  what: string,
): Promise<ModuleRecord> {
  try {
    return await importSpecifier(specifier, baseDir);
  } catch (error) {
    throw importFailure(error, {
      specifier,
      file: resolvedFile(specifier, baseDir),
      what,
      configFile: conf.__file__,
    });
  }
}

/** §11.8: every `app` key is a makeApp option (unknown ones are ignored); `logging` is separate. */
function appOptions(appSection: Config): AppOptions {
  const {
    root: _root,
    modules: _modules,
    ...options
  } = appSection.toDict() as AppOptions & Record<string, unknown>;
  if (conf.logging !== undefined && conf.logging !== null)
    options.logger = createLogger(conf.logging);
  // `accessLog: true` in a config logs through its `logging` section.
  if (options.accessLog === true) options.accessLog = createAccessLogger(conf.logging);
  return options;
}

function setupOf(appModule: unknown): unknown {
  return typeof appModule === 'object' && appModule !== null
    ? (appModule as Record<string, unknown>).setupApp
    : undefined;
}

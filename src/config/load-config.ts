/**
 * §11.1, §11.7: reading config files (TypeScript, JavaScript or JSON) and objects into Configs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config, isPlainObject } from './config.js';
import { checkKey } from './config-keys.js';
import { ConfigError, ConfigSyntaxError, importFailure } from './config-error.js';
import { importFile, type ModuleRecord } from './import-module.js';

// What a config file can be: a module (TypeScript or JavaScript) or JSON.
const CONFIG_FILE = /\.(json|[cm]?[jt]s)$/;

/**
 * Loads a config file into a new Config (only the file's values: no defaults). Without a path,
 * the file named by the `PECAN_CONFIG` environment variable.
 */
export async function loadConfig(file?: string): Promise<Config> {
  const absolute = path.resolve(expandHome(file ?? getConfPathFromEnv()));
  // §11.1: the file must exist.
  if (!isFile(absolute)) throw new ConfigError(absolute, `\`${absolute}\` is not a file.`);
  if (!CONFIG_FILE.test(absolute)) {
    throw new ConfigError(
      absolute,
      `${absolute} is not a config file: use a .ts, .js or .json file whose default export is defineConfig({ ... })`,
    );
  }
  const values = absolute.endsWith('.json')
    ? readJson(absolute)
    : exportedValues(await importConfigFile(absolute), absolute);
  return configFromObject(values, absolute);
}

async function importConfigFile(file: string): Promise<ModuleRecord> {
  try {
    return await importFile(file);
  } catch (error) {
    throw importFailure(error, { specifier: file, file, what: '', configFile: file });
  }
}

/**
 * §11.6: the path in `PECAN_CONFIG`; an error when it is unset or does not name a file.
 */
export function getConfPathFromEnv(): string {
  const configPath = process.env.PECAN_CONFIG;
  if (!configPath)
    throw new Error('PECAN_CONFIG is not set and no config file was passed as an argument.');
  if (!isFile(configPath))
    throw new Error(`PECAN_CONFIG was set to an invalid path: ${configPath}`);
  return configPath;
}

/**
 * Pecan's `conf_from_dict`: top-level names starting with `__` and module namespaces
 * (`import * as x` re-exported) are not config keys (§11.1).
 */
export function configFromObject(values: object, file = ''): Config {
  const config = new Config(undefined, { file });
  const entries = values instanceof Config ? [...values] : Object.entries(values);
  for (const [key, value] of entries) {
    if (key.startsWith('__') || isModuleNamespace(value)) continue;
    checkKey(key, '');
    config[key] = value;
  }
  return config;
}

/** The config a module exports: its default export, else its named exports (like Pecan's globals). */
function exportedValues(module: ModuleRecord, file: string): object {
  if (!('default' in module)) return module;
  const value = module.default;
  if (value instanceof Config || isPlainObject(value)) return value;
  throw new ConfigError(
    file,
    `${file} must export its configuration as an object: export default defineConfig({ ... })`,
  );
}

function readJson(file: string): object {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new ConfigSyntaxError(file, `${file}: ${error.message}`, { cause: error });
    throw error;
  }
  if (!isPlainObject(value)) throw new ConfigError(file, `${file} must hold a JSON object`);
  return value;
}

function isModuleNamespace(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module'
  );
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
}

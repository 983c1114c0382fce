/**
 * §11.6: the process-wide configuration `conf` and `setConfig`, which paints a config over it
 * (or replaces it with `overwrite`).
 */
import { Config, isPlainObject, setConfigFile, type ConfigSource } from './config.js';
import { defaultSettings } from './defaults.js';
import { configFromObject, getConfPathFromEnv, loadConfig } from './load-config.js';
import type { PecanConf } from './settings.js';

/** The global configuration (Pecan's `pecan.conf`); starts with the defaults (§11.5). */
export const conf = new Config(defaultSettings()) as PecanConf;

export interface SetConfigOptions {
  /** Clear the current configuration first — the defaults disappear too (§11.6). */
  overwrite?: boolean;
}

/**
 * Updates `conf` from a config file path, an object or a Config. Without a config, the file
 * named by `PECAN_CONFIG`. Objects apply at once; a file path is loaded first.
 */
export async function setConfig(
  config?: string | ConfigSource | null,
  options: SetConfigOptions = {},
): Promise<void> {
  // Every error comes before anything is cleared.
  const source = config ?? getConfPathFromEnv();
  let loaded: Config;
  if (typeof source === 'string') loaded = await loadConfig(source);
  else if (source instanceof Config) loaded = source;
  else if (isPlainObject(source)) loaded = configFromObject(source);
  else throw new TypeError(`${String(source)} is neither an object nor a config file path.`);
  if (loaded === conf) return;
  if (options.overwrite === true) {
    conf.empty();
    setConfigFile(conf, loaded.__file__);
  } else if (loaded.__file__ !== '') {
    setConfigFile(conf, loaded.__file__);
  }
  conf.update(loaded);
}

/** Restores `conf` to a fresh copy of the defaults (used by `resetGlobalConfig`, §14). */
export function resetConfig(): void {
  conf.empty();
  setConfigFile(conf, '');
  conf.update(defaultSettings());
}

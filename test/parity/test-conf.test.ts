/**
 * Port of Python Pecan's pecan/tests/test_conf.py. Config files are TypeScript, JavaScript or
 * JSON modules (test/fixtures/config mirrors pecan/tests/config_fixtures); Pecan's
 * `conf_from_file` is `loadConfig`, `conf_from_dict` is `configFromObject`, `initconf()` is
 * `defaultConfig()`, `set_config` is `setConfig` (async: it may load a file) and
 * `_runtime_conf` is the exported `conf`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Config, conf, expose, makeApp, setConfig } from '../../src/index.js';
import {
  configFromObject,
  defaultConfig,
  defaultSettings,
  getConfPathFromEnv,
  loadConfig,
} from '../../src/config/index.js';
import { TestApp } from '../../src/testing/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/config/', import.meta.url));
const fixture = (...parts: string[]): string => path.join(fixtures, ...parts);

/** A config file written for one test (Pecan uses NamedTemporaryFile). */
function temporaryFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-conf-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

type Section = Config & Record<string, unknown>;
const section = (config: Config, key: string): Section => config[key] as Section;

describe('test_conf.py TestConf', () => {
  it('test_update_config_fail_identifier', () => {
    expect(() => new Config({ 'bad name': 'value' })).toThrow(/'bad name'/);
  });

  it('test_update_config_fail_message', () => {
    expect(() => new Config({ 'bad name': 'value' })).toThrow(
      "consider using the '__force_dict__' key",
    );
  });

  it('test_update_set_config', async () => {
    const config = defaultConfig();
    config.update(await loadConfig(fixture('config.ts')));
    expect(section(config, 'app').root).toBeNull();
    expect(section(config, 'app').templatePath).toBe('myproject/templates');
    expect(section(config, 'app').staticRoot).toBe('public');
    expect(section(config, 'server').host).toBe('1.1.1.1');
    // §11.5 with a number port: the fixture writes 8081 (Pecan's wrote the string '8081').
    expect(section(config, 'server').port).toBe(8081);
  });

  it('test_update_set_default_config', async () => {
    const config = defaultConfig();
    config.update(await loadConfig(fixture('empty.js')));
    expect(section(config, 'app').root).toBeNull();
    expect(section(config, 'app').templatePath).toBe('');
    expect(section(config, 'app').staticRoot).toBe('public');
    expect(section(config, 'server').host).toBe('0.0.0.0');
    // §11.5: the default port is the number 8080 (Pecan: the string '8080').
    expect(section(config, 'server').port).toBe(8080);
  });

  it('test_update_force_dict', async () => {
    const config = defaultConfig();
    config.update(await loadConfig(fixture('forcedict.ts')));
    expect(section(config, 'app').root).toBeNull();
    expect(section(config, 'app').templatePath).toBe('');
    expect(section(config, 'app').staticRoot).toBe('public');
    expect(section(config, 'server').host).toBe('0.0.0.0');
    expect(section(config, 'server').port).toBe(8080);

    const beaker = config.beaker as Record<string, unknown>;
    expect(beaker).not.toBeInstanceOf(Config);
    expect(Object.getPrototypeOf(beaker)).toBe(Object.prototype);
    expect(beaker['session.key']).toBe('key');
    expect(beaker['session.type']).toBe('cookie');
    expect(beaker['session.validate_key']).toBe('1a971a7df182df3e1dec0af7c6913ec7');
    expect(beaker.__force_dict__).toBeUndefined();
  });

  it('test_update_config_with_dict', () => {
    const config = defaultConfig();
    config['attr'] = { attr: true };
    expect(section(config, 'attr').attr).toBe(true);
  });

  it('test_config_repr', () => {
    expect(String(new Config({ a: 1 }))).toBe('Config({ a: 1 })');
  });

  it('test_config_from_dict', () => {
    const config = configFromObject({});
    config['path'] = '%(confdir)s';
    expect(fs.realpathSync(config['path'] as string)).toBe(fs.realpathSync(process.cwd()));
  });

  it('test_config_from_file', async () => {
    const config = await loadConfig(fixture('config.ts'));
    expect(config).toBeInstanceOf(Config);
    expect(config.__file__).toBe(fixture('config.ts'));
  });

  it('test_config_illegal_ids', async () => {
    const config = new Config({});
    config.update(await loadConfig(fixture('bad', 'module-and-underscore.js')));
    expect([...config]).toEqual([]);
  });

  it('test_config_missing_file', async () => {
    new Config({});
    const file = fixture('doesnotexist.js');
    await expect(loadConfig(file)).rejects.toThrow(`\`${file}\` is not a file.`);
  });

  it('test_config_missing_file_on_path', async () => {
    new Config({});
    const file = fixture('bad', 'bad', 'doesnotexist.js');
    await expect(loadConfig(file)).rejects.toThrow(`\`${file}\` is not a file.`);
  });

  it('test_config_with_syntax_error', async () => {
    // JSON here; a JavaScript syntax error under plain Node is covered in
    // test/config/import-module.test.ts (vitest reports its own parse errors).
    const file = temporaryFile('config.json', '{\n  "var": 3,\n');
    new Config({});
    const error: unknown = await loadConfig(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyntaxError);
    expect(String(error)).toContain(file);
  });

  it('test_config_with_non_package_relative_import', async () => {
    // JavaScript has no "relative import outside a package"; the nearest failure is a relative
    // import that resolves to nothing, and its error names the import.
    const file = temporaryFile('config.js', "import './variables.js';\nexport default {};\n");
    new Config({});
    await expect(loadConfig(file)).rejects.toThrow('variables.js');
  });

  it('test_config_with_bad_import', async () => {
    new Config({});
    await expect(loadConfig(fixture('bad', 'importerror.js'))).rejects.toThrow(
      'pecan-thismoduledoesnotexist',
    );
  });

  it('test_config_dir', () => {
    expect(Object.keys(new Config({}))).toEqual([]);
    expect(Object.keys(new Config({ a: 1 }))).toEqual(['a']);
  });

  it('test_config_bad_key', () => {
    const config = new Config({ a: 1 });
    expect(config.a).toBe(1);
    // Pecan raises AttributeError; a missing key reads as undefined here, as a missing
    // property does in JavaScript (docs/configuration.md "Differences from Pecan").
    expect(config.b).toBeUndefined();
    expect('b' in config).toBe(false);
  });

  it('test_config_get_valid_key', () => {
    expect(new Config({ a: 1 }).get('a')).toBe(1);
  });

  it('test_config_get_invalid_key', () => {
    expect(new Config({ a: 1 }).get('b')).toBeUndefined();
  });

  it('test_config_get_invalid_key_return_default', () => {
    expect(new Config({ a: 1 }).get('b', true)).toBe(true);
  });

  it('test_config_to_dict', () => {
    const config = defaultConfig();
    expect(config).toBeInstanceOf(Config);
    const toDict = config.toDict() as {
      server: Record<string, unknown>;
      app: Record<string, unknown>;
    };
    expect(Object.getPrototypeOf(toDict)).toBe(Object.prototype);
    expect(toDict.server.host).toBe('0.0.0.0');
    expect(toDict.server.port).toBe(8080);
    expect(toDict.app.modules).toEqual([]);
    expect(toDict.app.root).toBeNull();
    expect(toDict.app.staticRoot).toBe('public');
    expect(toDict.app.templatePath).toBe('');
  });

  it('test_config_to_dict_nested', () => {
    const config = defaultConfig();
    config['nested'] = { one: { two: 2 } };
    const toDict = config.toDict() as Record<string, Record<string, unknown>>;
    expect(toDict.server!.host).toBe('0.0.0.0');
    expect(toDict.server!.port).toBe(8080);
    expect(toDict.app!.modules).toEqual([]);
    expect(toDict.app!.root).toBeNull();
    expect(toDict.app!.staticRoot).toBe('public');
    expect(toDict.app!.templatePath).toBe('');
    expect(toDict.nested!.one).toEqual({ two: 2 });
    expect(toDict.nested!.one).not.toBeInstanceOf(Config);
  });

  it('test_config_to_dict_prefixed', () => {
    const toDict = defaultConfig().toDict('prefix_') as Record<string, Record<string, unknown>>;
    expect(toDict.prefix_server!.prefix_host).toBe('0.0.0.0');
    expect(toDict.prefix_server!.prefix_port).toBe(8080);
    expect(toDict.prefix_app!.prefix_modules).toEqual([]);
    expect(toDict.prefix_app!.prefix_root).toBeNull();
    // DESIGN §5.1: keys are camelCase, so the prefixed key is `prefix_staticRoot`.
    expect(toDict.prefix_app!.prefix_staticRoot).toBe('public');
    expect(toDict.prefix_app!.prefix_templatePath).toBe('');
  });
});

describe('test_conf.py TestGlobalConfig', () => {
  beforeEach(() => {
    delete process.env.PECAN_CONFIG;
  });

  afterEach(async () => {
    await setConfig(Object.fromEntries(defaultConfig()), { overwrite: true });
  });

  it('test_paint_from_dict', async () => {
    await setConfig({ foo: 'bar' });
    expect(Object.fromEntries(conf)).not.toEqual({ foo: 'bar' });
    expect(conf.foo).toBe('bar');
  });

  it('test_overwrite_from_dict', async () => {
    await setConfig({ foo: 'bar' }, { overwrite: true });
    expect(Object.fromEntries(conf)).toEqual({ foo: 'bar' });
  });

  it('test_paint_from_file', async () => {
    await setConfig(fixture('foobar.json'));
    expect(Object.fromEntries(conf)).not.toEqual({ foo: 'bar' });
    expect(conf.foo).toBe('bar');
  });

  it('test_overwrite_from_file', async () => {
    await setConfig(fixture('foobar.json'), { overwrite: true });
    expect(Object.fromEntries(conf)).toEqual({ foo: 'bar' });
  });

  it('test_set_config_none_type', async () => {
    await expect(setConfig(null)).rejects.toThrow('PECAN_CONFIG is not set');
  });

  it('test_set_config_to_dir', async () => {
    await expect(setConfig('/')).rejects.toThrow('`/` is not a file.');
  });
});

describe('test_conf.py TestConfFromEnv', () => {
  // As the Python class warns: the variable is removed after every test.
  afterEach(() => {
    delete process.env.PECAN_CONFIG;
  });

  it('test_invalid_path', () => {
    process.env.PECAN_CONFIG = '/';
    expect(() => getConfPathFromEnv()).toThrow('PECAN_CONFIG was set to an invalid path: /');
  });

  it('test_is_not_set', () => {
    delete process.env.PECAN_CONFIG;
    expect(() => getConfPathFromEnv()).toThrow(
      'PECAN_CONFIG is not set and no config file was passed as an argument.',
    );
  });

  it('test_return_valid_path', () => {
    const here = fileURLToPath(import.meta.url);
    process.env.PECAN_CONFIG = here;
    expect(getConfPathFromEnv()).toBe(here);
  });
});

describe('test_conf.py TestConfigCleanup', () => {
  class RootController {
    @expose() index() {
      return 'Hello, World!';
    }
  }
  let app: TestApp;

  beforeEach(() => {
    app = new TestApp(makeApp(new RootController()));
  });

  afterEach(async () => {
    await setConfig(defaultSettings(), { overwrite: true });
  });

  // Python's unittest runs these alphabetically: the change first, then the check that the
  // tearDown restored the defaults.
  it('test_conf_changed', async () => {
    conf.server = new Config({ port: '80' });
    expect(conf.server.toDict()).toEqual({ port: '80' });
    expect((await app.get('/')).text).toBe('Hello, World!');
  });

  it('test_conf_default', () => {
    expect(conf.server.toDict()).toEqual({ port: 8080, host: '0.0.0.0' });
  });
});

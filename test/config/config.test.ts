/** §11.2–11.4 beyond the parity port: aliases, deep update, confdir, native dictionaries. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Config, defineConfig } from '../../src/index.js';
import { configFromObject } from '../../src/config/index.js';

type Section = Config & Record<string, unknown>;

describe('Config keys', () => {
  it('reads a key in either spelling (DESIGN §5.1)', () => {
    const config = new Config({ app: { static_root: 'public', templatePath: 'views' } });
    const app = config.app as Section;
    expect(app.staticRoot).toBe('public');
    expect(app.static_root).toBe('public');
    expect(app.template_path).toBe('views');
    expect(app.get('template_path')).toBe('views');
    expect('staticRoot' in app).toBe(true);
  });

  it('merges both spellings of a key into one', () => {
    const config = new Config({ app: { staticRoot: 'public' } });
    config.update({ app: { static_root: 'assets' } });
    expect((config.app as Section).toDict()).toEqual({ static_root: 'assets' });
  });

  it('keeps leading underscores (single-underscore names are kept, §11.1)', () => {
    const config = new Config({ _private: 1 });
    expect(config._private).toBe(1);
    expect(config.private).toBeUndefined();
  });

  it('names the nested key that is not an identifier', () => {
    expect(() => new Config({ app: { 'a.b': 1 } })).toThrow("'a.b' (in 'app') is not a valid");
  });

  it('rejects non-string keys with a TypeError', () => {
    expect(() => new Config([[404, 'x'] as unknown as [string, unknown]])).toThrow(TypeError);
  });

  it('stores the key 404 under app.errors and dotted names under logging.loggers', () => {
    const config = new Config({
      app: { errors: { 404: '/error/404' } },
      logging: { loggers: { 'myapp.db': { level: 'debug' } } },
    });
    const app = config.app as Section;
    expect(app.errors).toEqual({ 404: '/error/404' });
    expect(app.errors).not.toBeInstanceOf(Config);
    expect((config.logging as Section).loggers).toEqual({ 'myapp.db': { level: 'debug' } });
  });

  it('methods win over keys of the same name; get() reads the key', () => {
    const config = new Config({ update: 'value' });
    expect(typeof config.update).toBe('function');
    expect(config.get('update')).toBe('value');
  });
});

describe('Config values', () => {
  it('deep-merges nested sections on update', () => {
    const config = new Config({ server: { host: '0.0.0.0', port: 8080 } });
    config.update({ server: { port: 9000 } });
    expect((config.server as Section).toDict()).toEqual({ host: '0.0.0.0', port: 9000 });
  });

  it('refuses to replace a section with a scalar (TypeError, §11.2)', () => {
    const config = new Config({ server: { port: 8080 } });
    expect(() => config.update({ server: 'x' })).toThrow(
      "cannot replace the config section 'server' with a string",
    );
  });

  it('assignment converts objects into sections', () => {
    const config = new Config();
    config.database = { url: 'sqlite://' };
    expect(config.database).toBeInstanceOf(Config);
    expect((config.database as Section).url).toBe('sqlite://');
  });

  it('keeps class instances, arrays, functions and Maps as they are', () => {
    class Controller {}
    const root = new Controller();
    const hooks = [() => {}];
    const map = new Map([['a', 1]]);
    const config = new Config({ app: { root, hooks, map } });
    const app = config.app as Section;
    expect(app.root).toBe(root);
    expect(app.hooks).toBe(hooks);
    expect(app.map).toBe(map);
  });

  it('iterates as [key, value] pairs (so Object.fromEntries and Map work)', () => {
    const config = new Config({ a: 1, b: 'two' });
    expect([...config]).toEqual([
      ['a', 1],
      ['b', 'two'],
    ]);
    expect(new Map(config).get('b')).toBe('two');
  });

  it('serialises with JSON.stringify', () => {
    expect(JSON.stringify(new Config({ a: { b: 1 } }))).toBe('{"a":{"b":1}}');
  });

  it('deletes keys with the delete operator', () => {
    const config = new Config({ a: 1, b: 2 });
    delete config.a;
    expect(Object.keys(config)).toEqual(['b']);
  });

  it('empty() removes every key', () => {
    const config = new Config({ a: 1 });
    config.empty();
    expect([...config]).toEqual([]);
  });

  it('a prefix in toDict applies at every level, not inside native dictionaries', () => {
    const config = new Config({ app: { errors: { 404: '/e' }, debug: true } });
    expect(config.toDict('x_')).toEqual({ x_app: { x_errors: { 404: '/e' }, x_debug: true } });
  });
});

describe('confdir (§11.4)', () => {
  it('expands %(confdir)s and ${confdir} to the config file folder, in nested sections', () => {
    const file = path.join(path.sep, 'srv', 'project', 'config.ts');
    const config = configFromObject(
      { app: { staticRoot: '%(confdir)s/public', templatePath: '${confdir}/templates' } },
      file,
    );
    const app = config.app as Section;
    expect(app.staticRoot).toBe(path.join(path.sep, 'srv', 'project') + '/public');
    expect(app.templatePath).toBe(path.join(path.sep, 'srv', 'project') + '/templates');
  });

  it('does not expand inside lists', () => {
    const config = configFromObject({ paths: ['%(confdir)s'] }, '/srv/config.ts');
    expect(config.paths).toEqual(['%(confdir)s']);
  });

  it('leaves other placeholders alone', () => {
    const config = configFromObject({ hostport: '{pecan.conf.server.host}' }, '/srv/config.ts');
    expect(config.hostport).toBe('{pecan.conf.server.host}');
  });
});

describe('configFromObject', () => {
  it('skips dunder names', () => {
    const config = configFromObject({ __file__: 'x', __secret: 1, kept: true });
    expect(Object.keys(config)).toEqual(['kept']);
  });
});

describe('defineConfig', () => {
  it('returns the object it is given, typed', () => {
    const input = { server: { port: 8080 }, app: { root: null, static_root: 'public' } };
    expect(defineConfig(input)).toBe(input);
  });
});

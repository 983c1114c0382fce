/**
 * How import failures of a config and its modules become ConfigErrors (the CLI prints those as
 * one line). Plain Node's syntax errors carry no position: it is found with `node --check`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConfigSyntaxError,
  importFailure,
  isConfigError,
} from '../../src/config/config-error.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-config-error-'));
const config = path.join(dir, 'config.js');

function notFound(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });
}

describe('importFailure', () => {
  it('names the missing module itself and says where relative paths start', () => {
    const file = path.join(dir, 'app.js');
    const error = importFailure(notFound(`Cannot find module '${file}' imported from /x/y.js`), {
      specifier: './app.js',
      file,
      what: 'app.modules',
      configFile: config,
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `${config}: app.modules: cannot import './app.js': ${file} does not exist ` +
        "(a relative path starts from the config file's folder)",
    );
  });

  it('passes on the message when something the module imports is missing', () => {
    const message = `Cannot find module '${dir}/db.js' imported from ${dir}/app.js`;
    const error = importFailure(notFound(message), {
      specifier: './app.js',
      file: path.join(dir, 'app.js'),
      what: 'app.modules',
      configFile: config,
    });
    expect((error as Error).message).toBe(
      `${config}: app.modules: cannot import './app.js': ${message}`,
    );
  });

  it('finds the line of a JavaScript syntax error with node --check', () => {
    const file = path.join(dir, 'broken.mjs');
    fs.writeFileSync(file, 'export const a = 1;\nexport const b = ;\n');
    const error = importFailure(new SyntaxError("Unexpected token ';'"), {
      specifier: file,
      file,
      what: '',
      configFile: file,
    });
    expect(error).toBeInstanceOf(ConfigSyntaxError);
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toBe(`${file}: syntax error at line 2: Unexpected token ';'`);
  });

  it('names the module with the syntax error when it is not the config', () => {
    const file = path.join(dir, 'bad-module.js');
    fs.writeFileSync(file, 'export function setupApp() {\n  return 1 +;\n}\n');
    const error = importFailure(new SyntaxError("Unexpected token ';'"), {
      specifier: './bad-module.js',
      file,
      what: 'app.modules',
      configFile: config,
    });
    expect((error as Error).message).toBe(
      `${config}: app.modules: syntax error in ${file} at line 2: Unexpected token ';'`,
    );
  });

  it("leaves the module's own errors alone: they are the app's, not the config's", () => {
    const own = new TypeError('database unreachable');
    const error = importFailure(own, {
      specifier: './app.js',
      file: path.join(dir, 'app.js'),
      what: 'app.modules',
      configFile: config,
    });
    expect(error).toBe(own);
    expect(isConfigError(error)).toBe(false);
  });
});

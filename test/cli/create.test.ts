import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { pecanVersion } from '../../src/cli/version.js';
import { fakeIO } from './fake-io.js';

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-create-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

/** Every file below `dir`, relative, sorted. */
function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('pecan create', () => {
  it('makes the base project, named after the folder as Pecan normalises it', async () => {
    const io = fakeIO(cwd);
    expect(await runCli(['create', 'My-App'], io)).toBe(0);
    const project = path.join(cwd, 'My-App');
    expect(files(project)).toEqual([
      '.gitignore',
      'README.md',
      'package.json',
      'public/css/style.css',
      'public/images/logo.svg',
      'src/app.ts',
      'src/config.ts',
      'src/controllers/root.ts',
      'src/model/index.ts',
      'src/tests/config.ts',
      'src/tests/functional.test.ts',
      'src/tests/units.test.ts',
      'templates/error.html',
      'templates/index.html',
      'templates/layout.html',
      'tsconfig.json',
    ]);
    const pkg = readJson(path.join(project, 'package.json'));
    expect(pkg.name).toBe('my-app');
    expect(pkg.dependencies).toEqual({ pecan: `^${pecanVersion()}` });
    expect(fs.readFileSync(path.join(project, 'README.md'), 'utf8')).toMatch(/^# my-app\n/);
  });

  it('prints its progress as Pecan does, then the next steps', async () => {
    const io = fakeIO(cwd);
    await runCli(['create', 'blog'], io);
    const project = path.join(cwd, 'blog');
    expect(io.out[0]).toBe(`Creating ${project}\n`);
    expect(io.stdoutText).toContain('Recursing into src\n');
    expect(io.stdoutText).toContain(
      `  Copying base/src/app.ts to ${path.join(project, 'src', 'app.ts')}\n`,
    );
    expect(io.stdoutText).toContain(
      `Copying base/package.json_tmpl to ${path.join(project, 'package.json')}\n`,
    );
    expect(io.stdoutText).toContain('  cd blog\n  npm install\n');
  });

  it('makes the rest-api project with --template or the Pecan-style positional', async () => {
    for (const args of [
      ['create', 'api1', '--template', 'rest-api'],
      ['create', 'api2', 'rest-api'],
    ]) {
      expect(await runCli(args, fakeIO(cwd))).toBe(0);
      const project = path.join(cwd, args[1]!);
      expect(files(project)).toEqual([
        '.gitignore',
        'README.md',
        'package.json',
        'src/app.ts',
        'src/config.ts',
        'src/controllers/root.ts',
        'src/errors.ts',
        'src/model/index.ts',
        'src/tests/config.ts',
        'src/tests/functional.test.ts',
        'src/tests/units.test.ts',
        'tsconfig.json',
      ]);
      expect(readJson(path.join(project, 'package.json')).name).toBe(args[1]);
    }
  });

  it('refuses a folder that exists and is not empty, and leaves it alone', async () => {
    const project = path.join(cwd, 'taken');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'keep.txt'), 'mine');
    const io = fakeIO(cwd);
    expect(await runCli(['create', 'taken'], io)).toBe(1);
    expect(io.stderrText).toBe(`pecan create: error: ${project} already exists and is not empty\n`);
    expect(files(project)).toEqual(['keep.txt']);
  });

  it('refuses a file in the way', async () => {
    fs.writeFileSync(path.join(cwd, 'file'), '');
    const io = fakeIO(cwd);
    expect(await runCli(['create', 'file'], io)).toBe(1);
    expect(io.stderrText).toContain('already exists and is not a folder');
  });

  it('fills an empty folder, such as the current one', async () => {
    const project = path.join(cwd, 'Empty_One');
    fs.mkdirSync(project);
    const io = fakeIO(project);
    expect(await runCli(['create', '.'], io)).toBe(0);
    expect(readJson(path.join(project, 'package.json')).name).toBe('empty_one');
    expect(io.stdoutText).not.toContain('  cd ');
  });

  it('rejects an unknown template, two different templates, and a missing name', async () => {
    let io = fakeIO(cwd);
    expect(await runCli(['create', 'app', 'flask'], io)).toBe(2);
    expect(io.stderrText).toContain('unknown template "flask" (choose from base, rest-api)');
    io = fakeIO(cwd);
    expect(await runCli(['create', 'app', 'base', '--template', 'rest-api'], io)).toBe(2);
    expect(io.stderrText).toContain('two templates given');
    io = fakeIO(cwd);
    expect(await runCli(['create'], io)).toBe(2);
    expect(io.stderrText).toContain('usage: pecan create NAME [TEMPLATE] [options]');
    expect(io.stderrText).toContain('the following arguments are required: NAME');
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('depends on pecan as the project it is run from does (a tarball path made absolute)', async () => {
    fs.writeFileSync(
      path.join(cwd, 'package.json'),
      JSON.stringify({ dependencies: { pecan: 'file:vendor/pecan-0.1.0.tgz' } }),
    );
    expect(await runCli(['create', 'from-tarball'], fakeIO(cwd))).toBe(0);
    expect(readJson(path.join(cwd, 'from-tarball', 'package.json')).dependencies).toEqual({
      pecan: `file:${path.join(cwd, 'vendor', 'pecan-0.1.0.tgz')}`,
    });
  });

  it('transliterates a name npm would refuse, and says so', async () => {
    const io = fakeIO(cwd);
    expect(await runCli(['create', 'Café Crème!'], io)).toBe(0);
    expect(readJson(path.join(cwd, 'Café Crème!', 'package.json')).name).toBe('cafe-creme');
    expect(io.out[0]).toBe('The package is named "cafe-creme" (npm\'s rules for "Café Crème!")\n');
    expect(io.stdoutText).toContain("\n  cd 'Café Crème!'\n");
  });

  it('does not mention the name when it is the folder name', async () => {
    const io = fakeIO(cwd);
    expect(await runCli(['create', 'My-App'], io)).toBe(0);
    expect(io.stdoutText).not.toContain('The package is named');
  });

  it('rejects a reserved name or a Node.js module name, writing nothing', async () => {
    for (const name of ['http', 'node_modules']) {
      const io = fakeIO(cwd);
      expect(await runCli(['create', name], io), name).toBe(1);
      expect(io.stderrText).toContain(`"${name}" cannot be an npm package name`);
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('rejects a name with nothing left after normalising', async () => {
    for (const name of ['++', 'тест', '_.']) {
      const io = fakeIO(cwd);
      expect(await runCli(['create', name], io), name).toBe(1);
      expect(io.stderrText).toContain(`cannot make an npm package name from "${name}"`);
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});

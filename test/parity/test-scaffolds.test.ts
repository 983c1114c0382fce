/**
 * Port of Python Pecan's pecan/tests/test_scaffolds.py. `PecanScaffold` is `Scaffold`,
 * `copy_dir(source, dest, variables, out_)` is `copyDir(source, dest, variables, { out })`; the
 * fixtures (simple, file_sub, content_sub) are in fixtures/scaffolds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDir } from '../../src/cli/create/copy-dir.js';
import { packageNameFor } from '../../src/cli/create/package-name.js';
import { Scaffold } from '../../src/cli/create/scaffold.js';

const fixtures = fileURLToPath(new URL('./fixtures/scaffolds/', import.meta.url));
const fixture = (name: string) => path.join(fixtures, name);
const read = (file: string) => fs.readFileSync(file, 'utf8').trim();
const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;

describe('test_scaffolds.py TestPecanScaffold', () => {
  const normalizePkgName = (name: string) => {
    const named = packageNameFor(name);
    return 'name' in named ? named.name : named.error;
  };

  it('test_normalize_pkg_name', () => {
    expect(normalizePkgName('sam')).toBe('sam');
    expect(normalizePkgName('sam1')).toBe('sam1');
    expect(normalizePkgName('sam_')).toBe('sam_');
    expect(normalizePkgName('Sam')).toBe('sam');
    expect(normalizePkgName('SAM')).toBe('sam');
    expect(normalizePkgName('sam ')).toBe('sam');
    expect(normalizePkgName(' sam')).toBe('sam');
    expect(normalizePkgName('sam$')).toBe('sam');
    // npm allows `-` in a package name (Pecan removed it: a Python module cannot have one).
    expect(normalizePkgName('sam-sam')).toBe('sam-sam');
  });
});

describe('test_scaffolds.py TestScaffoldUtils', () => {
  let destination: string;
  let out: string[];
  const options = () => ({ out: (line: string) => void out.push(line) });

  beforeEach(() => {
    destination = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-scaffold-'));
    out = [];
  });
  afterEach(() => fs.rmSync(destination, { recursive: true, force: true }));

  it('test_copy_dir', () => {
    class SimpleScaffold extends Scaffold {
      constructor() {
        super(fixture('simple'));
      }
    }
    new SimpleScaffold().copyTo(path.join(destination, 'someapp'), options());

    expect(isFile(path.join(destination, 'someapp', 'foo'))).toBe(true);
    expect(isFile(path.join(destination, 'someapp', 'bar', 'spam.txt'))).toBe(true);
    expect(read(path.join(destination, 'someapp', 'foo'))).toBe('YAR');
  });

  it('test_destination_directory_levels_deep', () => {
    copyDir(fixture('simple'), path.join(destination, 'some', 'app'), {}, options());

    expect(isFile(path.join(destination, 'some', 'app', 'foo'))).toBe(true);
    expect(isFile(path.join(destination, 'some', 'app', 'bar', 'spam.txt'))).toBe(true);
    expect(read(path.join(destination, 'some', 'app', 'foo'))).toBe('YAR');
    expect(read(path.join(destination, 'some', 'app', 'bar', 'spam.txt'))).toBe('Pecan');
  });

  it('test_destination_directory_already_exists', () => {
    copyDir(fixture('simple'), destination, {}, options());
    expect(out.join('\n')).toContain('already exists');
  });

  it('test_copy_dir_with_filename_substitution', () => {
    copyDir(
      fixture('file_sub'),
      path.join(destination, 'someapp'),
      { package: 'thingy' },
      options(),
    );

    expect(isFile(path.join(destination, 'someapp', 'foo_thingy'))).toBe(true);
    expect(isFile(path.join(destination, 'someapp', 'bar_thingy', 'spam.txt'))).toBe(true);
    expect(read(path.join(destination, 'someapp', 'foo_thingy'))).toBe('YAR');
    expect(read(path.join(destination, 'someapp', 'bar_thingy', 'spam.txt'))).toBe('Pecan');
  });

  it('test_copy_dir_with_file_content_substitution', () => {
    copyDir(
      fixture('content_sub'),
      path.join(destination, 'someapp'),
      { package: 'thingy' },
      options(),
    );

    expect(isFile(path.join(destination, 'someapp', 'foo'))).toBe(true);
    expect(isFile(path.join(destination, 'someapp', 'bar', 'spam.txt'))).toBe(true);
    expect(read(path.join(destination, 'someapp', 'foo'))).toBe('YAR thingy');
    expect(read(path.join(destination, 'someapp', 'bar', 'spam.txt'))).toBe('Pecan thingy');
  });
});

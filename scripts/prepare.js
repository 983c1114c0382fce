/**
 * `npm run prepare`: builds dist/ from a clean slate. npm runs it before `npm pack` and
 * `npm publish`, on a plain `npm install`/`npm ci` in this checkout, and when pecan is installed
 * from a git URL or a folder — so every way of getting pecan gets the compiled library.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // TypeScript is a dev dependency: a checkout linked into a project (`npm install ../pecan`)
  // without its own `npm install` has none.
  if (fs.existsSync(path.join(dist, 'index.js'))) {
    console.warn('pecan: TypeScript is not installed here; the existing dist/ build is kept.');
    process.exit(0);
  }
  console.error(
    `pecan: cannot build dist/: TypeScript is not installed in ${root}.\n` +
      '  Run `npm install` there first, or install pecan from a git URL or a packed tarball ' +
      '(npm builds those for you).',
  );
  process.exit(1);
}

// Files left over from an earlier build (a module since moved or deleted) must not be packed.
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

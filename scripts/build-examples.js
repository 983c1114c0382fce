/**
 * `npm run build:examples`: the reference system compiled for hosting (Apache + Passenger, or
 * `pecan serve` under systemd): the services' TypeScript — decorators included — through tsc
 * into examples/.build/, next to copies of what they read at run time (templates/, public/)
 * and Passenger's startup file. The compiled code imports pecan by its package name, which
 * resolves to this checkout's dist/: run `npm run build` first (npm test does).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const examples = path.join(root, 'examples');
const out = path.join(examples, '.build');

if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
  console.error('build:examples: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}

// Built beside the live folder, then swapped in: a server running from .build/ never sees a
// half-built tree, and a module moved or deleted since the last build does not linger.
const next = `${out}.next`;
fs.rmSync(next, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(
    process.execPath,
    [tsc, '-p', path.join(examples, 'tsconfig.build.json'), '--outDir', next],
    { stdio: 'inherit' },
  );
} catch {
  fs.rmSync(next, { recursive: true, force: true });
  console.error('build:examples: tsc failed (above); examples/.build/ is left as it was.');
  process.exit(1);
}

// What the compiled services read from ${confdir} at run time, and Passenger's startup file;
// var/ (the default place of their databases) moves over from the previous build.
for (const service of ['deployer', 'notifier']) {
  for (const item of ['templates', 'public', 'passenger.cjs']) {
    fs.cpSync(path.join(examples, service, item), path.join(next, service, item), {
      recursive: true,
    });
  }
  const data = path.join(out, service, 'var');
  if (fs.existsSync(data)) fs.renameSync(data, path.join(next, service, 'var'));
}
// No package.json in .build/: the repository's ("type": "module", "name": "pecan") is the one
// that makes the compiled files ES modules and lets them import 'pecan' (a self-reference).
const old = `${out}.old`;
fs.rmSync(old, { recursive: true, force: true });
if (fs.existsSync(out)) fs.renameSync(out, old);
fs.renameSync(next, out);
fs.rmSync(old, { recursive: true, force: true });
console.log(`build:examples: ${path.relative(root, out)}/{deployer,notifier,shared}`);

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

// A module moved or deleted since the last build must not linger; var/ (databases) stays.
for (const entry of fs.existsSync(out) ? fs.readdirSync(out) : []) {
  for (const inner of fs.readdirSync(path.join(out, entry))) {
    if (inner !== 'var') fs.rmSync(path.join(out, entry, inner), { recursive: true, force: true });
  }
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(examples, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

// What the compiled services read from ${confdir} at run time, and Passenger's startup file.
for (const service of ['deployer', 'notifier']) {
  for (const item of ['templates', 'public', 'passenger.cjs']) {
    fs.cpSync(path.join(examples, service, item), path.join(out, service, item), {
      recursive: true,
    });
  }
}
// No package.json in .build/: the repository's ("type": "module", "name": "pecan") is the one
// that makes the compiled files ES modules and lets them import 'pecan' (a self-reference).
console.log(`build:examples: ${path.relative(root, out)}/{deployer,notifier,shared}`);

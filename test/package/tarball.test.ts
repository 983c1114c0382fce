/**
 * The package as users get it: `npm pack` of a clean copy of the sources (so `prepare` must
 * build dist/ by itself), installed into an empty project outside the repository, then used
 * through both entry points and the `pecan` command. Slow (a TypeScript build and an npm
 * install from the local cache), so it runs once, in one bounded test.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, repoRoot, runWatched } from '../cli/cli-process.js';
import { get } from '../cli/http-get.js';

const exec = promisify(execFile);
const MINUTE = 60_000;

// What a fresh checkout holds that packing needs (no dist/, no node_modules of its own).
const SOURCES = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json'];
const SOURCE_DIRS = ['src', 'scaffolds', 'scripts'];

/** The environment without the outer `npm test`'s settings (npm_config_*, npm_package_*). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.toLowerCase().startsWith('npm_')) env[name] = value;
  return env;
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await exec('npm', args, {
    cwd,
    env: cleanEnv(),
    timeout: 4 * MINUTE,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

let work: string;
let tarball: string;
let packedFiles: string[];
let project: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-tarball-'));
  const checkout = path.join(work, 'checkout');
  fs.mkdirSync(checkout);
  for (const file of SOURCES) fs.copyFileSync(path.join(repoRoot, file), path.join(checkout, file));
  for (const dir of SOURCE_DIRS)
    fs.cpSync(path.join(repoRoot, dir), path.join(checkout, dir), { recursive: true });
  // The dev dependencies `prepare` builds with (TypeScript), as `npm ci` would have installed.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');

  const packed = await npm(['pack', '--json', '--pack-destination', work], checkout);
  const report = JSON.parse(packed.slice(packed.indexOf('\n[') + 1)) as [
    { filename: string; files: { path: string }[] },
  ];
  tarball = path.join(work, report[0].filename);
  packedFiles = report[0].files.map((file) => file.path);

  project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'first-contact', private: true, type: 'module' }),
  );
  await npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project);
}, 8 * MINUTE);

afterAll(() => {
  killAll();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the compiled library, the scaffolds and the licence, and no sources or tests', () => {
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/testing/index.js',
      'dist/testing/index.d.ts',
      'dist/cli/main.js',
      'scaffolds/base/src/config.ts',
      'scaffolds/base/+dot+gitignore',
      'scaffolds/rest-api/src/controllers/root.ts',
    ])
      expect(packedFiles, file).toContain(file);
    const stray = packedFiles.filter((file) => /^(src|test|scripts|examples|bench)\//.test(file));
    expect(stray).toEqual([]);
  });

  it('installs with its runtime dependencies only', () => {
    const installed = fs
      .readdirSync(path.join(project, 'node_modules'), { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.'))
      .flatMap((entry) =>
        entry.name.startsWith('@')
          ? fs
              .readdirSync(path.join(project, 'node_modules', entry.name))
              .map((n) => `${entry.name}/${n}`)
          : [entry.name],
      );
    // DESIGN §6: at most 3 packages besides pecan itself.
    expect(installed).toContain('pecan');
    expect(installed.length - 1).toBeLessThanOrEqual(3);
  });

  it('imports pecan and pecan/testing from plain JavaScript', async () => {
    fs.writeFileSync(
      path.join(project, 'check.mjs'),
      `import { expose, makeApp } from 'pecan';
import { loadTestApp } from 'pecan/testing';
const app = makeApp({ index: expose('json')(() => ({ hello: 'world' })) });
const res = await (await loadTestApp(app)).get('/');
console.log(JSON.stringify({ status: res.status, json: res.json }));
`,
    );
    const { stdout } = await exec(process.execPath, ['check.mjs'], {
      cwd: project,
      timeout: MINUTE,
    });
    expect(JSON.parse(stdout)).toEqual({ status: 200, json: { hello: 'world' } });
  });

  it('runs `npx pecan --version`', async () => {
    const { stdout } = await exec('npx', ['pecan', '--version'], {
      cwd: project,
      env: cleanEnv(),
      timeout: MINUTE,
    });
    const { version } = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(stdout).toBe(`Pecan ${version}\n`);
  });

  it(
    'creates projects that depend on pecan the same way, and install',
    async () => {
      const { stdout } = await exec('npx', ['pecan', 'create', 'my-site'], {
        cwd: project,
        env: cleanEnv(),
        timeout: MINUTE,
      });
      expect(stdout).toContain('Created my-site from the "base" template');
      const site = path.join(project, 'my-site');
      const manifest = JSON.parse(fs.readFileSync(path.join(site, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      expect(manifest.dependencies).toEqual({ pecan: `file:${tarball}` });
      await npm(['install', '--prefer-offline', '--no-audit', '--no-fund'], site);
      expect(fs.existsSync(path.join(site, 'node_modules', 'pecan', 'dist', 'index.js'))).toBe(
        true,
      );
    },
    4 * MINUTE,
  );

  it('serves a request with `pecan serve`', async () => {
    fs.writeFileSync(
      path.join(project, 'config.mjs'),
      `import { defineConfig, expose } from 'pecan';
export default defineConfig({
  server: { host: '127.0.0.1', port: 0 },
  app: { root: { index: expose()(() => 'served from the tarball') } },
});
`,
    );
    const bin = path.join(project, 'node_modules', '.bin', 'pecan');
    const cli = runWatched(bin, ['serve', 'config.mjs'], { cwd: project, env: cleanEnv() });
    const match = await cli.waitFor(/serving on http:\/\/127\.0\.0\.1:(\d+)/, MINUTE);
    expect(await get(Number(match[1]), '/')).toEqual({
      status: 200,
      text: 'served from the tarball',
    });
    cli.child.kill('SIGTERM');
    expect(await cli.exited()).toBe(0);
  });
});

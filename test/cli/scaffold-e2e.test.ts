/**
 * The scaffolds, end to end, as a user meets them: this repository built and packed with
 * `npm pack`, a project made by the built `pecan create`, `npm install` (its pecan dependency
 * pointed at the tarball), its own `npm test`, then `pecan serve` answering its home page and
 * exiting cleanly on SIGTERM. Needs the npm registry; every step is bounded.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, repoRoot, runWatched, servingPort } from './cli-process.js';
import { freePort, get } from './http-get.js';

const STEP_MS = 240_000;

function run(command: string, args: string[], cwd: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, timeout: ms, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${command} ${args.join(' ')} failed in ${cwd}: ${error.message}\n${stdout}\n${stderr}`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

let staging: string;
let pkg: string;
let tarball: string;

beforeAll(async () => {
  staging = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-e2e-'));
  // Built into the staging folder, so the shared dist/ of this tree is left alone.
  pkg = path.join(staging, 'pecan');
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(pkg, 'dist')],
    repoRoot,
    STEP_MS,
  );
  for (const entry of ['package.json', 'README.md', 'scaffolds']) {
    fs.cpSync(path.join(repoRoot, entry), path.join(pkg, entry), { recursive: true });
  }
  const packed = JSON.parse(
    // Built above: `prepare` (which builds in a full checkout) is not run on this partial copy.
    await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', staging],
      pkg,
      STEP_MS,
    ),
  ) as {
    filename: string;
  }[];
  tarball = path.join(staging, packed[0]!.filename);
}, STEP_MS);

afterAll(() => {
  killAll();
  if (staging) fs.rmSync(staging, { recursive: true, force: true });
});

const homePages: Record<string, (text: string) => boolean> = {
  base: (text) => text.includes('<form method="POST" action="/">'),
  'rest-api': (text) => text === 'Hello, World!',
};

describe('pecan create → npm install → npm test → pecan serve', () => {
  for (const [template, isHomePage] of Object.entries(homePages)) {
    it(
      `the ${template} template`,
      async () => {
        const project = path.join(staging, `e2e-${template}`);
        await run(
          process.execPath,
          [path.join(pkg, 'dist', 'cli', 'main.js'), 'create', project, '--template', template],
          staging,
          STEP_MS,
        );
        const manifest = path.join(project, 'package.json');
        const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
          dependencies: Record<string, string>;
        };
        json.dependencies.pecan = `file:${tarball}`;
        fs.writeFileSync(manifest, JSON.stringify(json, null, 2));

        await run('npm', ['install', '--no-audit', '--no-fund'], project, STEP_MS);
        const tests = await run('npm', ['test'], project, STEP_MS);
        expect(tests).toMatch(/^# fail 0$/m);
        expect(tests).toMatch(/^# pass [1-9]/m);

        // npm test compiled dist/: serve it through the installed bin, as `npm start` does.
        const serve = runWatched(
          path.join(project, 'node_modules', '.bin', 'pecan'),
          ['serve', 'dist/config.js', '--host', '127.0.0.1', '--port', '0'],
          {
            cwd: project,
          },
        );
        const port = await servingPort(serve, 30_000);
        const home = await get(port, '/');
        expect(home.status).toBe(200);
        expect(isHomePage(home.text)).toBe(true);
        serve.child.kill('SIGTERM');
        expect(await serve.exited(10_000)).toBe(0);

        if (template === 'base') await runProductionBuild(project, isHomePage);
      },
      2 * STEP_MS,
    );
  }
});

/**
 * docs/deployment.md's production build, its commands as written and in order (only the port
 * is a free one): every command in the docs must be one that works.
 */
async function runProductionBuild(project: string, isHomePage: (text: string) => boolean) {
  const guide = fs.readFileSync(path.join(repoRoot, 'docs', 'deployment.md'), 'utf8');
  const section = guide.slice(guide.indexOf('## The production build'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const commands = block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
  const serveLine = commands.pop()!;
  expect(serveLine).toMatch(/^NODE_ENV=production npx pecan serve dist\/config\.js --port 8080/);
  for (const command of commands) {
    const [program, ...args] = command.split(/\s+/);
    await run(program!, args, project, STEP_MS);
  }
  expect(fs.existsSync(path.join(project, 'node_modules', 'typescript'))).toBe(false);
  const port = await freePort();
  // `npx pecan` runs node_modules/.bin/pecan: run that, so SIGTERM reaches pecan itself.
  const [, , ...serveArgs] = serveLine
    .replace('NODE_ENV=production ', '')
    .replace('--port 8080', `--port ${port}`)
    .split(/\s+/);
  const serve = runWatched(path.join(project, 'node_modules', '.bin', 'pecan'), serveArgs, {
    cwd: project,
    env: { NODE_ENV: 'production' },
  });
  await serve.waitFor(/serving on/, 30_000);
  const home = await get(port, '/');
  expect(home.status).toBe(200);
  expect(isHomePage(home.text)).toBe(true);
  // Production: no debug page, and no static files (the proxy serves public/).
  expect((await get(port, '/css/style.css')).status).toBe(404);
  serve.child.kill('SIGTERM');
  expect(await serve.exited(15_000)).toBe(0);
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectCli } from '../../src/cli/local-cli.js';
import { killAll, repoRoot, runPecan } from './cli-process.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-local-'));
});
afterEach(() => {
  killAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A project with its own (fake) pecan installed. */
function installFakePecan(project: string): string {
  const root = path.join(project, 'node_modules', 'pecan');
  fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({
      name: 'pecan',
      type: 'module',
      exports: { './package.json': './package.json' },
    }),
  );
  const cli = path.join(root, 'dist', 'cli', 'main.js');
  fs.writeFileSync(
    cli,
    "console.log('the project pecan', JSON.stringify(process.argv.slice(2)));\n",
  );
  return cli;
}

describe('a pecan command run inside a project with its own pecan', () => {
  it("hands the command over to the project's copy", async () => {
    const cli = installFakePecan(dir);
    expect(projectCli(dir)).toBe(cli);
    const run = runPecan(['routes', 'config.ts'], { cwd: dir });
    expect(await run.exited()).toBe(0);
    expect(run.stdout()).toBe('the project pecan ["routes","config.ts"]\n');
  });

  it('runs itself when the project has no pecan, or the project is this pecan', () => {
    expect(projectCli(dir)).toBeUndefined();
    expect(projectCli(repoRoot)).toBeUndefined();
  });
});

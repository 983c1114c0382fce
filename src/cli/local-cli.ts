import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `pecan` command of the project in `cwd`, when it has its own pecan and that is not this
 * one (a global `npm install -g pecan` run inside a project). The command must use the project's
 * copy: the app's `conf` and controller metadata live in the modules it imports.
 */
export function projectCli(cwd: string): string | undefined {
  let projectRoot: string;
  try {
    const require = createRequire(path.join(cwd, 'noop.js'));
    projectRoot = path.dirname(require.resolve('pecan/package.json'));
  } catch {
    return undefined;
  }
  const ownRoot = fileURLToPath(new URL('../../', import.meta.url));
  if (realpath(projectRoot) === realpath(ownRoot)) return undefined;
  const cli = path.join(projectRoot, 'dist', 'cli', 'main.js');
  return fs.existsSync(cli) ? cli : undefined;
}

function realpath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { CliError, type Command } from '../command.js';
import { pecanVersion } from '../version.js';
import type { CopyOptions } from './copy-dir.js';
import { packageNameFor } from './package-name.js';
import { pecanDependency } from './pecan-dependency.js';
import { builtinScaffolds, DEFAULT_SCAFFOLD } from './scaffold.js';

/** What `create` needs of a scaffold (tests pass fakes, as Pecan's `TestCreateCommand` does). */
export interface ScaffoldLike {
  copyTo(dest: string, options: CopyOptions): boolean;
}

/** `pecan create NAME [TEMPLATE]` over a set of scaffolds (§12.2). */
export function makeCreateCommand(
  scaffolds: (cwd: string) => Record<string, ScaffoldLike>,
): Command {
  return {
    name: 'create',
    summary: 'Creates the file layout for a new pecan project',
    positionals: [
      {
        name: 'NAME',
        required: true,
        help: 'the new project folder; the package is named after it (lower-case, npm rules)',
      },
      {
        name: 'TEMPLATE',
        required: false,
        help: `the scaffold, as in Python Pecan (default: ${DEFAULT_SCAFFOLD})`,
      },
    ],
    options: {
      template: {
        type: 'string',
        short: 't',
        value: 'TEMPLATE',
        help: 'the scaffold: base (HTML site) or rest-api (JSON API)',
      },
    },
    async run({ values, positionals }, io) {
      const [name = '', positional] = positionals;
      const flag = typeof values.template === 'string' ? values.template : undefined;
      if (flag !== undefined && positional !== undefined && flag !== positional) {
        throw new CliError(`two templates given: "${positional}" and --template "${flag}"`, 2);
      }
      const template = flag ?? positional ?? DEFAULT_SCAFFOLD;
      const available = scaffolds(io.cwd);
      const scaffold = Object.hasOwn(available, template) ? available[template] : undefined;
      if (scaffold === undefined) {
        throw new CliError(
          `unknown template "${template}" (choose from ${Object.keys(available).join(', ')})`,
          2,
        );
      }
      const dest = path.resolve(io.cwd, name);
      checkDestination(dest);
      const folder = path.basename(dest);
      const named = packageNameFor(folder);
      if ('error' in named) throw new CliError(named.error);
      // Never renamed silently: say what the package is called when it is not the folder's name.
      if (named.name !== folder.toLowerCase())
        io.stdout(`The package is named "${named.name}" (npm's rules for "${folder}")\n`);
      const created = scaffold.copyTo(dest, {
        out: (line) => io.stdout(`${line}\n`),
        intoEmpty: true,
      });
      if (!created) return 1;
      const where = path.relative(io.cwd, dest) || '.';
      io.stdout(
        `\nCreated ${where} from the "${template}" template. Next:\n` +
          (where === '.' ? '' : `  cd ${shellWord(where)}\n`) +
          '  npm install\n  npm test\n  npm start          # builds, then serves on http://127.0.0.1:8080/\n',
      );
      return 0;
    },
  };
}

/** A path as one shell word: quoted when it holds spaces or shell characters. */
function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** §12.2: Pecan prints "… already exists" and stops; we say so as an error (an empty folder is fine). */
function checkDestination(dest: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dest);
  } catch {
    return;
  }
  if (!stat.isDirectory()) throw new CliError(`${dest} already exists and is not a folder`);
  if (fs.readdirSync(dest).length > 0)
    throw new CliError(`${dest} already exists and is not empty`);
}

export const createCommand = makeCreateCommand((cwd) =>
  builtinScaffolds(pecanVersion(), pecanDependency(cwd, pecanVersion())),
);

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDir, type CopyOptions, type Variables } from './copy-dir.js';

export const DEFAULT_SCAFFOLD = 'base';

import { packageNameFor } from './package-name.js';

/**
 * A project template (Pecan's `PecanScaffold`): a directory copied by `copyDir` with the
 * `package` variable set from the destination's name.
 */
export class Scaffold {
  constructor(
    /** The template directory. */
    readonly dir: string,
    /** Variables every copy gets, besides `package`. */
    readonly variables: Variables = {},
  ) {}

  /**
   * Copies the template to `dest` (a path). The package name comes from the last segment of
   * the path (Pecan normalised the whole argument, so `apps/blog` became `appsblog`); the
   * caller has checked that it makes one.
   */
  copyTo(dest: string, options: CopyOptions): boolean {
    const outputDir = path.resolve(dest);
    const named = packageNameFor(path.basename(outputDir));
    if ('error' in named) throw new Error(named.error);
    const variables = { ...this.variables, package: named.name };
    return copyDir(this.dir, outputDir, variables, options);
  }
}

/** scaffolds/ ships beside dist/ (and src/): cli/create is two levels below either. */
const SCAFFOLDS_DIR = fileURLToPath(new URL('../../../scaffolds/', import.meta.url));

/**
 * The built-in scaffolds (Pecan's `pecan.scaffold` entry points). `+dot+` names dot-files:
 * npm leaves a `.gitignore` out of the published package.
 */
export function builtinScaffolds(
  pecanVersion: string,
  pecanDependency = `^${pecanVersion}`,
): Record<string, Scaffold> {
  const variables = { pecan_version: pecanVersion, pecan_dependency: pecanDependency, dot: '.' };
  return {
    base: new Scaffold(path.join(SCAFFOLDS_DIR, 'base'), variables),
    'rest-api': new Scaffold(path.join(SCAFFOLDS_DIR, 'rest-api'), variables),
  };
}

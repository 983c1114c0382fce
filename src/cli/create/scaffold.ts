import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDir, type CopyOptions, type Variables } from './copy-dir.js';

export const DEFAULT_SCAFFOLD = 'base';

// §12.2: the package name keeps only [a-zA-Z0-9_], lower-cased.
const BAD_CHARS = /[^a-zA-Z0-9_]/g;

/** Pecan's `normalize_pkg_name`: `My-App` → `myapp`. */
export function normalizePkgName(name: string): string {
  return name.toLowerCase().replace(BAD_CHARS, '');
}

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
   * Copies the template to `dest` (a path). The package name is the normalised last segment of
   * the path (Pecan normalises the whole argument, so `apps/blog` became `appsblog`).
   */
  copyTo(dest: string, options: CopyOptions): boolean {
    const outputDir = path.resolve(dest);
    const variables = { ...this.variables, package: normalizePkgName(path.basename(outputDir)) };
    return copyDir(this.dir, outputDir, variables, options);
  }
}

/** scaffolds/ ships beside dist/ (and src/): cli/create is two levels below either. */
const SCAFFOLDS_DIR = fileURLToPath(new URL('../../../scaffolds/', import.meta.url));

/**
 * The built-in scaffolds (Pecan's `pecan.scaffold` entry points). `+dot+` names dot-files:
 * npm leaves a `.gitignore` out of the published package.
 */
export function builtinScaffolds(pecanVersion: string): Record<string, Scaffold> {
  const variables = { pecan_version: pecanVersion, dot: '.' };
  return {
    base: new Scaffold(path.join(SCAFFOLDS_DIR, 'base'), variables),
    'rest-api': new Scaffold(path.join(SCAFFOLDS_DIR, 'rest-api'), variables),
  };
}

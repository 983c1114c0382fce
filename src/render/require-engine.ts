import { createRequire } from 'node:module';
import { engineMissingError } from '../core/pecan-errors.js';

// Every supported engine ships a CommonJS build, so it loads synchronously on first use: a
// render never waits for an import, and `render()` returns a string.
const requireFromPecan = createRequire(import.meta.url);

/**
 * Loads a template engine package on first use. The engines besides Eta are optional peer
 * dependencies: when one is missing, the error names the package to install.
 */
export function requireEngine<T>(packageName: string, renderer: string): T {
  try {
    return requireFromPecan(packageName) as T;
  } catch (error) {
    if (isMissing(error, packageName)) {
      const missing = engineMissingError(renderer, packageName);
      missing.cause = error;
      throw missing;
    }
    throw error;
  }
}

function isMissing(error: unknown, packageName: string): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === 'MODULE_NOT_FOUND' &&
    error.message.includes(`'${packageName}'`)
  );
}

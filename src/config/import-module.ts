/**
 * Imports the code a config names — the config file itself, `app.root` specifiers and
 * `app.modules` — whether it is JavaScript or TypeScript. TypeScript runs natively where the
 * runtime can (Node with type stripping, tsx, vitest, Bun, Deno); on Node 20 the optional peer
 * dependency `tsx` is registered on first need.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type ModuleRecord = Record<string, unknown>;

/** Imports a module given as a specifier: relative to `baseDir`, absolute, or a package name. */
export async function importSpecifier(specifier: string, baseDir: string): Promise<ModuleRecord> {
  if (specifier.startsWith('file:')) return importFile(fileURLToPath(specifier));
  if (specifier.startsWith('.') || path.isAbsolute(specifier))
    return importFile(sourceFileFor(path.resolve(baseDir, specifier)));
  try {
    return (await import(specifier)) as ModuleRecord;
  } catch (error) {
    if (errorCode(error) !== 'ERR_MODULE_NOT_FOUND') throw error;
    // Not visible from pecan's own folder (e.g. the project's own package name): resolve it
    // from the config's folder instead.
    let file: string;
    try {
      file = createRequire(path.join(baseDir, 'config')).resolve(specifier);
    } catch {
      throw error;
    }
    return importFile(file);
  }
}

/** The file a relative or absolute specifier names (as imported), else the specifier itself. */
export function resolvedFile(specifier: string, baseDir: string): string {
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  if (specifier.startsWith('.') || path.isAbsolute(specifier))
    return sourceFileFor(path.resolve(baseDir, specifier));
  return specifier;
}

/**
 * TypeScript sources import `./root.js` for `root.ts`: when the `.js` file is not there (the
 * project runs from source), its TypeScript twin is used.
 */
function sourceFileFor(file: string): string {
  if (fs.existsSync(file)) return file;
  const twin = file.replace(/\.(m|c)?js$/, '.$1ts');
  return twin !== file && fs.existsSync(twin) ? twin : file;
}

// Errors that mean "this runtime cannot run TypeScript (or this TypeScript) by itself".
const NEEDS_TSX = new Set([
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
]);

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** Imports a JavaScript or TypeScript file by absolute path. */
export async function importFile(file: string): Promise<ModuleRecord> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as ModuleRecord;
  } catch (error) {
    if (!NEEDS_TSX.has(errorCode(error)) || !TYPESCRIPT.test(file)) throw error;
    await registerTsx(file, error);
  }
  // The failed attempt stays cached under the plain URL: import it afresh.
  return (await import(`${url}?pecan-tsx`)) as ModuleRecord;
}

let tsxRegistered: Promise<void> | null = null;

/** Registers tsx's loader for the rest of the process, once (the app's modules share it). */
function registerTsx(file: string, cause: unknown): Promise<void> {
  tsxRegistered ??= import('tsx/esm/api').then(
    (tsx) => {
      tsx.register();
    },
    () => {
      tsxRegistered = null;
      throw new Error(
        `Cannot load ${file}: Node.js ${process.version} does not run TypeScript by itself. ` +
          `Install the optional dependency tsx (npm install --save-dev tsx), ` +
          `or compile the file to JavaScript.`,
        { cause },
      );
    },
  );
  return tsxRegistered;
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/**
 * Errors in a project's configuration — a config file that cannot be read, a module it names
 * that cannot be imported, a config that describes no app. The message names the file and says
 * how to fix it, so the `pecan` command prints it as one line without a stack trace (`--debug`
 * adds the stack of the underlying error, kept as `cause`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** The config file at fault (or the one naming the module at fault). */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A config (or a module it names) that does not parse; a SyntaxError, as in Pecan (§11.1). */
export class ConfigSyntaxError extends SyntaxError {
  override readonly name = 'SyntaxError';

  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether `error` is a mistake in the configuration, which the CLI prints as one line. */
export function isConfigError(error: unknown): error is ConfigError | ConfigSyntaxError {
  return error instanceof ConfigError || error instanceof ConfigSyntaxError;
}

const TRANSFORM_FAILED = /^Transform failed with \d+ errors?:\s*(\S+:\d+:\d+): ERROR: ([^\n]*)/;
const NOT_FOUND = /^Cannot find (module|package) '([^']+)' imported from /;

/**
 * Why importing `file` (the config itself, or a module it names as `what`) failed, as a
 * ConfigError when the cause is a missing file or package or a syntax error. Anything else —
 * the module's own code throwing — is returned as it is: it is the app's error, not the config's.
 */
export function importFailure(
  error: unknown,
  target: { specifier: string; file: string; what: string; configFile: string },
): unknown {
  const { specifier, file, what, configFile } = target;
  const where = what === '' ? configFile : `${configFile}: ${what}`;
  const message = error instanceof Error ? error.message : String(error);
  const fail = (problem: string) =>
    new ConfigError(configFile, `${where}: ${problem}`, { cause: error });
  if ((error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND') {
    const missing = NOT_FOUND.exec(message);
    if (missing?.[2] === file || missing?.[2] === specifier) {
      return fail(
        missing[1] === 'package'
          ? `cannot import '${specifier}': the package is not installed (npm install ${specifier})`
          : `cannot import '${specifier}': ${file} does not exist (a relative path starts from the config file's folder)`,
      );
    }
    // Something the module imports is missing: Node's message names it and its importer.
    return fail(what === '' ? message : `cannot import '${specifier}': ${message}`);
  }
  if (error instanceof SyntaxError || /^Transform failed/.test(message)) {
    // esbuild (through tsx) names the place itself: `Transform failed with 1 error: f.ts:2:8: ERROR: …`.
    const transform = TRANSFORM_FAILED.exec(message);
    if (transform)
      return new ConfigSyntaxError(
        configFile,
        `${where}: syntax error at ${transform[1]!}: ${transform[2]!}`,
        { cause: error },
      );
    const position = syntaxErrorPosition(file);
    const oneLine = message.replace(/\s*\n\s*/g, ' ');
    const problem =
      position !== undefined
        ? `syntax error${file === configFile ? '' : ` in ${file}`} at ${position}: ${oneLine}`
        : what === ''
          ? oneLine
          : `cannot import '${specifier}': ${oneLine}`;
    return new ConfigSyntaxError(configFile, `${where}: ${problem}`, { cause: error });
  }
  if (what === '') return fail(message);
  return error;
}

/**
 * Where a JavaScript file fails to parse. Node does not say it in the error `import()` rejects
 * with, but `node --check` prints it. Only ever run once a file failed to import; undefined
 * when the file itself parses (the error is in a module it imports) or is not JavaScript.
 */
function syntaxErrorPosition(file: string): string | undefined {
  if (!/\.[cm]?js$/.test(file)) return undefined;
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // From stdin, so the module type is the one `import()` used, whatever package.json says.
  const type = file.endsWith('.cjs') ? 'commonjs' : 'module';
  const check = spawnSync(process.execPath, [`--input-type=${type}`, '--check'], {
    input: source,
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (check.status === 0) return undefined;
  const line = /^\[stdin\]:(\d+)$/m.exec(check.stderr ?? '')?.[1];
  return line === undefined ? undefined : `line ${line}`;
}

/**
 * The shape of a `pecan` subcommand (Pecan's `BaseCommand`, §12.1): a name, a one-line
 * summary for the help, its positional arguments and options, and `run`.
 */

/** Where a command writes, and the environment it reads: the real process, or a test's fake. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface PositionalSpec {
  /** Shown in the usage line, e.g. `NAME` or `CONFIG`. */
  name: string;
  required: boolean;
  help: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in the help, e.g. `PORT`. */
  value?: string;
  help: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
}

export interface Command {
  readonly name: string;
  /** The first help line (Pecan takes the first docstring line). */
  readonly summary: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Resolves to the exit code; a long-running command (serve, shell) resolves once started. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** A failure the user can fix: printed as `pecan: error: <message>`, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2 for a usage mistake (as argparse), 1 otherwise. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The real process's streams and environment. */
export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  get cwd() {
    return process.cwd();
  },
};

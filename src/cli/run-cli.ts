import { parseArgs } from 'node:util';
import { isConfigError } from '../config/config-error.js';
import { CliError, processIO, type CliIO, type Command, type ParsedArgs } from './command.js';
import { commandList, commands } from './commands.js';
import { describeFailure } from './describe-failure.js';
import { formatCommandHelp, formatMainHelp, formatUsage } from './help.js';
import { pecanVersion } from './version.js';

/** Options every command accepts, besides its own. */
const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const;

/**
 * The `pecan` program (§12.1): `pecan --version`, `pecan` alone prints the help (Pecan ≥ 1.5.1),
 * `pecan help <command>`, `pecan <command> …` runs one command. Resolves to the exit code;
 * errors are printed as one line, `pecan <command>: error: …` — the stack only with `--debug`.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  // Options before the command are pecan's own: --help, --version, --debug.
  let index = 0;
  let debug = false;
  for (; index < argv.length && argv[index]!.startsWith('-'); index++) {
    const flag = argv[index]!;
    if (flag === '-h' || flag === '--help') return printHelp(io);
    if (flag === '-v' || flag === '--version') {
      io.stdout(`Pecan ${pecanVersion()}\n`);
      return 0;
    }
    if (flag === '--debug') debug = true;
    else
      return usageError(
        io,
        `unknown option "${flag}" (pecan's own options: --help, --version, --debug)`,
      );
  }
  const [name, ...rest] = argv.slice(index);
  if (name === undefined) return printHelp(io);
  if (name === 'help') return printCommandHelp(rest, io);
  const command = findCommand(name);
  if (command === undefined) return usageError(io, unknownCommand(name));
  let args: ParsedArgs | undefined;
  try {
    args = parseCommandArgs(command, rest);
    if (args.values.help === true) {
      io.stdout(formatCommandHelp(command));
      return 0;
    }
    if (debug) args.values.debug = true;
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      if (error.exitCode === 2) io.stderr(formatUsage(command));
      io.stderr(`pecan ${command.name}: error: ${error.message}\n`);
      return error.exitCode;
    }
    const showStack = debug || args?.values.debug === true;
    io.stderr(`pecan ${command.name}: error: ${describeFailure(error, showStack)}\n`);
    if (showStack) io.stderr(`${stackOf(error)}\n`);
    else if (!isConfigError(error)) io.stderr('(run it again with --debug for the stack trace)\n');
    return 1;
  }
}

function printHelp(io: CliIO): number {
  io.stdout(formatMainHelp(commandList));
  return 0;
}

/** `pecan help` and `pecan help <command>`. */
function printCommandHelp(names: readonly string[], io: CliIO): number {
  if (names.length === 0) return printHelp(io);
  const command = findCommand(names[0]!);
  if (command === undefined || names.length > 1)
    return usageError(
      io,
      command === undefined ? unknownCommand(names[0]!) : 'help takes one command',
    );
  io.stdout(formatCommandHelp(command));
  return 0;
}

function findCommand(name: string): Command | undefined {
  return Object.hasOwn(commands, name) ? commands[name] : undefined;
}

function unknownCommand(name: string): string {
  return `unknown command "${name}" (choose from ${Object.keys(commands).join(', ')})`;
}

function usageError(io: CliIO, message: string): number {
  io.stderr(formatMainHelp(commandList));
  io.stderr(`\npecan: error: ${message}\n`);
  return 2;
}

/** The stack, and the stacks of its causes (a ConfigError keeps the import's error as cause). */
function stackOf(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push('Caused by:');
  }
  return parts.join('\n');
}

/** Parses a command's arguments against its declared options and positionals. */
export function parseCommandArgs(command: Command, args: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    ...COMMON_OPTIONS,
  };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
  const values = parsed.values as ParsedArgs['values'];
  const positionals = parsed.positionals;
  if (values.help === true) return { values, positionals };
  if (positionals.length > command.positionals.length) {
    throw new CliError(
      `unrecognized arguments: ${positionals.slice(command.positionals.length).join(' ')}`,
      2,
    );
  }
  const missing = command.positionals.slice(positionals.length).filter((p) => p.required);
  if (missing.length > 0) {
    throw new CliError(
      `the following arguments are required: ${missing.map((p) => p.name).join(', ')}`,
      2,
    );
  }
  return { values, positionals };
}

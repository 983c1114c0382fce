import { parseArgs } from 'node:util';
import { CliError, processIO, type CliIO, type Command, type ParsedArgs } from './command.js';
import { commandList, commands } from './commands.js';
import { formatCommandHelp, formatMainHelp, formatUsage } from './help.js';
import { pecanVersion } from './version.js';

/**
 * The `pecan` program (§12.1): `pecan --version`, `pecan` alone prints the help (Pecan ≥ 1.5.1),
 * `pecan <command> …` runs one command. Resolves to the exit code; errors the user can fix are
 * printed without a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(formatMainHelp(commandList));
    return 0;
  }
  if (name === '--version') {
    io.stdout(`Pecan ${pecanVersion()}\n`);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.stderr(formatMainHelp(commandList));
    io.stderr(
      `\npecan: error: unknown command "${name}" (choose from ${Object.keys(commands).join(', ')})\n`,
    );
    return 2;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help === true) {
      io.stdout(formatCommandHelp(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    if (error.exitCode === 2) io.stderr(formatUsage(command));
    io.stderr(`pecan ${command.name}: error: ${error.message}\n`);
    return error.exitCode;
  }
}

/** Parses a command's arguments against its declared options and positionals. */
export function parseCommandArgs(command: Command, args: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
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

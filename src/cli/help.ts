import type { Command } from './command.js';

const COLUMN = 24;

function row(left: string, right: string): string {
  const pad =
    left.length < COLUMN - 2 ? ' '.repeat(COLUMN - 2 - left.length) : '\n' + ' '.repeat(COLUMN);
  return `  ${left}${pad}${right}\n`;
}

/** `pecan` and `pecan --help`: the commands, one line each (§12.1). */
export function formatMainHelp(commands: readonly Command[]): string {
  let text = 'usage: pecan [--version] [--help] <command> [<args>]\n\n';
  text += 'The pecan web framework: create, serve and explore pecan projects.\n\nCommands:\n';
  for (const command of commands) text += row(command.name, command.summary);
  text += '\nOptions:\n';
  text += row('-h, --help', 'show this help and exit');
  text += row('-v, --version', "show pecan's version and exit");
  text += row('--debug', 'print the stack trace of an error');
  text +=
    '\nRun `pecan help <command>` (or `pecan <command> --help`) for the options of one command.\n';
  return text;
}

export function formatUsage(command: Command): string {
  const args = command.positionals.map((p) => (p.required ? p.name : `[${p.name}]`));
  const options = Object.keys(command.options).length > 0 ? ' [options]' : '';
  return `usage: pecan ${command.name}${args.length ? ' ' + args.join(' ') : ''}${options}\n`;
}

/** `pecan <command> --help`. */
export function formatCommandHelp(command: Command): string {
  let text = `${formatUsage(command)}\n${command.summary}.\n`;
  if (command.positionals.length > 0) {
    text += '\nArguments:\n';
    for (const p of command.positionals) text += row(p.name, p.help);
  }
  text += '\nOptions:\n';
  for (const [name, spec] of Object.entries(command.options)) {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    text += row(flag, spec.help);
  }
  text += row('--debug', 'print the stack trace of an error');
  text += row('-h, --help', 'show this help and exit');
  return text;
}

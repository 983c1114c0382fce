import fs from 'node:fs';
import path from 'node:path';
import { CliError, type CliIO, type PositionalSpec } from './command.js';

export const CONFIG_ARGUMENT: PositionalSpec = {
  name: 'CONFIG',
  required: false,
  help: 'the config file, e.g. dist/config.js (default: $PECAN_CONFIG)',
};

/**
 * §12.1: a command's config file is its argument, else `PECAN_CONFIG`; it must be a file.
 * The messages are Pecan's (§11.6, §11.1).
 */
export function resolveConfigPath(given: string | undefined, io: CliIO): string {
  const fromEnv = given === undefined;
  const value = given ?? io.env.PECAN_CONFIG;
  if (value === undefined || value === '') {
    throw new CliError('PECAN_CONFIG is not set and no config file was passed as an argument.');
  }
  const file = path.resolve(io.cwd, value);
  if (!isFile(file)) {
    throw new CliError(
      fromEnv ? `PECAN_CONFIG was set to an invalid path: ${file}` : `\`${file}\` is not a file.`,
    );
  }
  return file;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

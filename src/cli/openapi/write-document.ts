import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../command.js';

/** Writes `text` to `output` (relative to `cwd`), making its folder; resolves to the full path. */
export async function writeDocument(output: string, text: string, cwd: string): Promise<string> {
  const file = path.resolve(cwd, output);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write the OpenAPI document to ${file}: ${reason}`);
  }
  return file;
}

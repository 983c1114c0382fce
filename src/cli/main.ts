#!/usr/bin/env node
/** The `pecan` executable (package.json `bin`). */
import { pathToFileURL } from 'node:url';
import '../controller/metadata-polyfill.js';
import { projectCli } from './local-cli.js';
import { runCli } from './run-cli.js';

/** A failed command ends the process; a cluster worker's IPC channel would keep it open. */
function fail(code: number): void {
  process.exitCode = code;
  if (process.connected) process.exit(code);
}

const local = projectCli(process.cwd());
const run = local
  ? // The project's own pecan runs the command (with the same process.argv).
    import(pathToFileURL(local).href).then(() => 0)
  : runCli(process.argv.slice(2));

run.then(
  (code) => {
    if (code !== 0) fail(code);
  },
  (error: unknown) => {
    console.error(error);
    fail(1);
  },
);

#!/usr/bin/env node
/** The `pecan` executable (package.json `bin`). */
import { pathToFileURL } from 'node:url';
import '../controller/metadata-polyfill.js';
import { projectCli } from './local-cli.js';
import { runCli } from './run-cli.js';

const local = projectCli(process.cwd());
const run = local
  ? // The project's own pecan runs the command (with the same process.argv).
    import(pathToFileURL(local).href).then(() => 0)
  : runCli(process.argv.slice(2));

run.then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

import type { Command } from './command.js';
import { createCommand } from './create/create-command.js';
import { openapiCommand } from './openapi/openapi-command.js';
import { routesCommand } from './routes/routes-command.js';
import { serveCommand } from './serve/serve-command.js';
import { shellCommand } from './shell/shell-command.js';

/** The built-in commands by name (Pecan's `CommandManager.commands`, §12.1). */
export const commands: Readonly<Record<string, Command>> = {
  create: createCommand,
  serve: serveCommand,
  shell: shellCommand,
  routes: routesCommand,
  openapi: openapiCommand,
};

export const commandList: readonly Command[] = Object.values(commands);

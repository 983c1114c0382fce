import type { Command } from '../command.js';
import { CONFIG_ARGUMENT, resolveConfigPath } from '../config-path.js';

/** Name → [value, what it is], shown in the banner. */
type Locals = Record<string, [unknown, string]>;

/** The banner lines listing the shell's objects (§12.4). */
export function formatBanner(locals: Locals): string {
  let text = `Pecan Interactive Shell\nNode.js ${process.version}\n\n  The following objects are available:\n`;
  for (const [name, [, help]] of Object.entries(locals)) text += `  ${name.padEnd(10)} - ${help}\n`;
  return `${text}\n`;
}

/**
 * `pecan shell [CONFIG]` (§12.4): a Node REPL with the app loaded. Pecan's `wsgiapp` is `app`
 * here, and its WebTest `app` is `client` (`await client.get('/')`); top-level await works.
 */
export const shellCommand: Command = {
  name: 'shell',
  summary: 'Opens an interactive shell with the pecan app loaded',
  positionals: [CONFIG_ARGUMENT],
  options: {},
  async run({ positionals }, io) {
    const configPath = resolveConfigPath(positionals[0], io);
    const [repl, { loadProject }, { loadTestApp }, pecan] = await Promise.all([
      import('node:repl'),
      import('../load-project.js'),
      import('../../testing/index.js'),
      import('../../index.js'),
    ]);
    const { conf, app } = await loadProject(configPath);
    const locals: Locals = {
      app: [app, "this project's app: a Node request listener, and app.fetch(request)"],
      client: [await loadTestApp(app), "a TestApp around app: await client.get('/')"],
      conf: [conf, 'the current configuration'],
      root: [app.app.root, 'the root controller'],
      abort: [pecan.abort, 'pecan.abort'],
      redirect: [pecan.redirect, 'pecan.redirect'],
    };
    io.stdout(formatBanner(locals));
    const server = repl.start({ prompt: 'pecan> ', input: process.stdin, output: process.stdout });
    for (const [name, [value]] of Object.entries(locals)) {
      Object.defineProperty(server.context, name, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return new Promise<number>((resolve) => server.on('exit', () => resolve(0)));
  },
};

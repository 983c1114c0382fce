import type { Command } from '../command.js';
import { CONFIG_ARGUMENT, resolveConfigPath } from '../config-path.js';

/**
 * `pecan routes [CONFIG]` (not in Python Pecan): the URLs object dispatch can reach, with the
 * methods they answer and the functions that answer them.
 */
export const routesCommand: Command = {
  name: 'routes',
  summary: 'Lists the URLs the app answers, with their methods and handlers',
  positionals: [CONFIG_ARGUMENT],
  options: {},
  async run({ positionals }, io) {
    const configPath = resolveConfigPath(positionals[0], io);
    // The framework loads only now: `pecan --help` and `pecan create` stay light.
    const [{ loadProject }, { listAppRoutes }, { formatRoutes }] = await Promise.all([
      import('../load-project.js'),
      import('./app-routes.js'),
      import('./format-routes.js'),
    ]);
    const { app } = await loadProject(configPath);
    io.stdout(formatRoutes(listAppRoutes(app)));
    return 0;
  },
};

import type { Command } from '../command.js';
import { CONFIG_ARGUMENT, resolveConfigPath } from '../config-path.js';
import { DEFAULT_INFO } from '../../openapi/openapi-types.js';

/**
 * `pecan openapi [CONFIG] [-o FILE]` (not in Python Pecan): the app's OpenAPI 3.1 document,
 * built from its controller tree and its `app.openapi` options, printed or written to a file.
 */
export const openapiCommand: Command = {
  name: 'openapi',
  summary: "Prints (or writes) the app's OpenAPI 3.1 document",
  positionals: [CONFIG_ARGUMENT],
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', help: 'write the document to FILE' },
  },
  async run({ positionals, values }, io) {
    const configPath = resolveConfigPath(positionals[0], io);
    // The framework loads only now: `pecan --help` and `pecan create` stay light.
    const [{ loadProject }, { projectInfo }, { writeDocument }] = await Promise.all([
      import('../load-project.js'),
      import('./project-info.js'),
      import('./write-document.js'),
    ]);
    const { app } = await loadProject(configPath);
    const document = app.openapi();
    // The project's package.json names the API when the app's options do not.
    const project = projectInfo(configPath);
    if (document.info.title === DEFAULT_INFO.title && project.title !== undefined)
      document.info.title = project.title;
    if (document.info.version === DEFAULT_INFO.version && project.version !== undefined)
      document.info.version = project.version;
    const text = `${JSON.stringify(document, null, 2)}\n`;
    const output = values.output;
    if (typeof output !== 'string') {
      io.stdout(text);
      return 0;
    }
    const file = await writeDocument(output, text, io.cwd);
    const count = Object.keys(document.paths).length;
    io.stdout(`Wrote the OpenAPI document of ${document.info.title} (${count} paths) to ${file}\n`);
    return 0;
  },
};

import fs from 'node:fs';
import path from 'node:path';

/**
 * The name and version of the project a config file belongs to: the nearest package.json at or
 * above the config's folder. Unreadable or missing: nothing.
 */
export function projectInfo(configPath: string): { title?: string; version?: string } {
  for (let dir = path.dirname(configPath); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
          name?: unknown;
          version?: unknown;
        };
        return {
          ...(typeof json.name === 'string' ? { title: json.name } : {}),
          ...(typeof json.version === 'string' ? { version: json.version } : {}),
        };
      } catch {
        return {};
      }
    }
    if (path.dirname(dir) === dir) return {};
  }
}

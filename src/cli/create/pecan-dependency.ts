import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `pecan` dependency a new project gets: the one of the project `pecan create` runs from
 * (the nearest package.json above `cwd` that depends on pecan, else the project this pecan is
 * installed in), so a pecan installed from a tarball, a checkout or git makes projects that
 * install the same way. A relative `file:` path is made absolute, since the new project sits
 * elsewhere. Without such a project: `^<version>`, from the registry.
 */
export function pecanDependency(cwd: string, version: string): string {
  for (const dir of [...ancestors(cwd), installedIn()]) {
    if (dir === undefined) continue;
    const spec = dependencyIn(dir);
    if (spec !== undefined) return absoluteSpec(spec, dir);
  }
  return `^${version}`;
}

function* ancestors(dir: string): Generator<string> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    yield current;
    if (path.dirname(current) === current) return;
  }
}

/** The project whose node_modules holds this pecan, if it is installed in one. */
function installedIn(): string | undefined {
  const own = fileURLToPath(new URL('../../../', import.meta.url));
  const parent = path.dirname(path.resolve(own));
  return path.basename(parent) === 'node_modules' ? path.dirname(parent) : undefined;
}

function dependencyIn(dir: string): string | undefined {
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    ) as typeof manifest;
  } catch {
    return undefined;
  }
  const spec = manifest.dependencies?.pecan ?? manifest.devDependencies?.pecan;
  return typeof spec === 'string' && spec !== '' ? spec : undefined;
}

function absoluteSpec(spec: string, dir: string): string {
  const file = spec.startsWith('file:') ? spec.slice(5) : /^\.{0,2}\//.test(spec) ? spec : null;
  return file === null ? spec : `file:${path.resolve(dir, file)}`;
}

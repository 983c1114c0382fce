import { readFileSync } from 'node:fs';

/** This package's version, read from its package.json (src/cli and dist/cli sit at the same depth). */
export function pecanVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

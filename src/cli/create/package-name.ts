import { builtinModules } from 'node:module';

/**
 * The npm package name for a new project folder. Pecan kept only `[a-z0-9_]` because its
 * package was a Python module; an npm name may also hold `-`, `.` and `~`, so `My-Site` keeps
 * its dash (`my-site`). Accents are transliterated (`Café` → `cafe`), any other run of
 * characters npm refuses becomes one `-`. Resolves to an error message when no valid name is
 * left (`тест`, `++`) or the name is one npm reserves.
 */
export function packageNameFor(folder: string): { name: string } | { error: string } {
  const name = folder
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    // npm names cannot start with `.` or `_`; a leading or trailing `-` is only noise.
    .replace(/^[-._~]+|[-.~]+$/g, '')
    .slice(0, 214);
  if (name === '')
    return {
      error: `cannot make an npm package name from "${folder}": name the folder with letters a-z, digits, - or _`,
    };
  if (RESERVED.has(name) || builtinModules.includes(name))
    return {
      error: `"${name}" cannot be an npm package name (it is reserved, or a Node.js module): choose another folder name`,
    };
  return { name };
}

const RESERVED: ReadonlySet<string> = new Set(['node_modules', 'favicon.ico']);

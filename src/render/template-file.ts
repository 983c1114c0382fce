import { readFileSync } from 'node:fs';
import path from 'node:path';
import { templateOutsideError } from '../core/pecan-errors.js';

/**
 * The file of a template name below the template folder. A name that climbs out of it (`../x`)
 * is refused: template names may come from code paths a request influences.
 */
export function resolveTemplateFile(templatePath: string, name: string): string {
  const file = path.resolve(templatePath, name.replace(/^[/\\]+/, ''));
  const relative = path.relative(templatePath, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    throw templateOutsideError(name, templatePath);
  return file;
}

/** The text of a template file for an error excerpt, or undefined when it cannot be read. */
export function readTemplateSource(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

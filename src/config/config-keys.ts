/**
 * The rules for config keys: which names are valid (§11.3), how snake_case and camelCase
 * spellings of one key meet (DESIGN §5.1), and which sections are maps by nature.
 */

// §11.3: keys of a section converted to a Config must be identifiers.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;

/** Throws the §11.3 error for a key that cannot name a config attribute. */
export function checkKey(key: unknown, path: string): asserts key is string {
  if (typeof key !== 'string') {
    throw new TypeError(`config key ${String(key)} (in ${path || 'the config'}) is not a string`);
  }
  if (!IDENTIFIER.test(key)) {
    const where = path ? ` (in '${path}')` : '';
    throw new Error(
      `'${key}'${where} is not a valid identifier, consider using the '__force_dict__' key ` +
        `if requiring a native dictionary`,
    );
  }
}

/**
 * DESIGN §5.1: `static_root` and `staticRoot` are one key. Both spellings map to this
 * canonical (camelCase) form; leading underscores are kept (`_private` stays private).
 */
export function canonicalKey(key: string): string {
  return key.indexOf('_') === -1
    ? key
    : key.replace(/(?<=[A-Za-z0-9])_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Sections whose keys are data, not names (error statuses, dotted logger names): they are kept
 * as plain objects without `__force_dict__`, as a TypeScript user would expect (DESIGN §5.11).
 */
const NATIVE_DICTS = new Set(['app.errors', 'logging.loggers']);

export function isNativeDictPath(path: string): boolean {
  return NATIVE_DICTS.has(path);
}

/** The dotted path of `key` inside the section at `path`, in canonical spelling. */
export function childPath(path: string, key: string): string {
  const canonical = canonicalKey(key);
  return path === '' ? canonical : `${path}.${canonical}`;
}

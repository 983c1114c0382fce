/**
 * The pieces of Heat's behaviour the HOT model (hot-model.ts) is made of, each as Heat 19 does
 * it (heat/engine/hot/functions.py, resource_group.py, common/exception.py).
 */
import { randomBytes } from 'node:crypto';

/**
 * `str_replace`: the template split by the longest key first (ties in name order), each piece
 * by the next key, and so on, then joined by the values — a value is never searched for keys.
 * A value that is no string is written as Python's str() (numbers, True/False) or, for a list
 * or a map, as its json.dumps(); null as nothing.
 */
export function strReplace(template: string, params: Record<string, unknown>): string {
  const keys = Object.keys(params)
    .sort()
    .sort((a, b) => b.length - a.length);
  const text = (v: unknown) =>
    typeof v === 'string'
      ? v
      : v == null
        ? ''
        : typeof v === 'boolean'
          ? v
            ? 'True'
            : 'False'
          : typeof v === 'number'
            ? String(v)
            : pythonJson(v);
  const replace = (piece: string, i: number): string =>
    i === keys.length
      ? piece
      : piece
          .split(keys[i]!)
          .map((part) => replace(part, i + 1))
          .join(text(params[keys[i]!]));
  return replace(template, 0);
}

/** A resource's path as Heat's errors give it: `resources.web_servers.resources[0]`. */
export function heatPath(names: readonly string[]): string {
  return names
    .map(
      (name, i) => `${i === 0 ? '' : '.'}resources${/^\d+$/.test(name) ? `[${name}]` : `.${name}`}`,
    )
    .join('');
}

/** JSON as Python's json.dumps writes it (", " and ": "), which is how Heat puts a list in a string. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function dig(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as any)?.[key] ?? null, value);
}

export function substitute(value: unknown, variable: string, index: string): unknown {
  if (typeof value === 'string') return value.split(variable).join(index);
  if (Array.isArray(value)) return value.map((v) => substitute(v, variable, index));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, variable, index)]),
    );
  return value;
}

const LETTERS_DIGITS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number): string {
  return [...randomBytes(length)].map((b) => LETTERS_DIGITS[b % LETTERS_DIGITS.length]).join('');
}

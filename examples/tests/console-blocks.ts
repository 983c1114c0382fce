/**
 * Reads the ```console blocks of a guide: `$ ` starts a command (continued by lines ending in
 * `\`), the lines after it, up to the next command, are what it prints. Output may elide with
 * `…`: inside a JSON value, `"…"` matches any value, and a line that is only `…` stands for
 * lines not shown.
 */
import fs from 'node:fs';

export interface ConsoleStep {
  line: number;
  command: string;
  output: string;
}

export function readConsoleSteps(file: string): ConsoleStep[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const steps: ConsoleStep[] = [];
  let inBlock = false;
  let current: ConsoleStep | null = null;
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inBlock) {
      inBlock = line.trim() === '```console';
      continue;
    }
    if (line.trim() === '```') {
      inBlock = false;
      current = null;
      continue;
    }
    if (line.startsWith('$ ') || (continued && current)) {
      if (!continued) {
        current = { line: i + 1, command: '', output: '' };
        steps.push(current);
      }
      const text: string = continued ? line : line.slice(2);
      continued = text.endsWith('\\');
      current!.command += continued ? `${text}\n` : text; // bash reads the `\` continuation
    } else if (current) {
      current.output += (current.output ? '\n' : '') + line;
    }
  }
  return steps.map((step) => ({ ...step, output: step.output.replace(/\n+$/, '') }));
}

export interface ParsedOutput {
  status: string | null;
  headers: [string, string][];
  body: string;
}

/** Splits `curl -i` output (or expected output) into status line, headers and body. */
export function parseOutput(text: string): ParsedOutput {
  const normalised = text.replace(/\r\n/g, '\n');
  if (!normalised.startsWith('HTTP/'))
    return { status: null, headers: [], body: normalised.trim() };
  const [head, ...rest] = normalised.split('\n\n');
  const [status, ...headerLines] = head!.split('\n');
  const headers = headerLines
    .filter((line) => line.trim() !== '…')
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as [
        string,
        string,
      ];
    });
  return { status: status!.trim(), headers, body: rest.join('\n\n').trim() };
}

/** Where `actual` differs from `expected` (`"…"` matches anything; objects may have more keys). */
export function jsonMismatch(expected: unknown, actual: unknown, at = '$'): string | null {
  if (expected === '…') return null;
  if (typeof expected === 'string' && expected.includes('…') && typeof actual === 'string') {
    const pattern = new RegExp(
      `^${expected
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      's',
    );
    return pattern.test(actual)
      ? null
      : `${at}: ${JSON.stringify(actual)} does not match ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array`;
    const open = expected.at(-1) === '…';
    const items = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < items.length : actual.length !== items.length)
      return `${at}: ${actual.length} items, expected ${open ? 'at least ' : ''}${items.length}`;
    for (let i = 0; i < items.length; i++) {
      const problem = jsonMismatch(items[i], actual[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return `${at}: expected an object`;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) return `${at}.${key}: missing`;
      const problem = jsonMismatch(value, (actual as Record<string, unknown>)[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual)
    ? null
    : `${at}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

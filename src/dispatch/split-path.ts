/** Splits a routing path into segments (§1.1): `''` → `[]`, `/` → `['']`, `/a/` → `['a', '']`. */
export function splitPath(path: string): string[] {
  // By hand: `String.prototype.split` is a call into the runtime, several times slower here.
  const segments: string[] = [];
  if (path === '') return segments;
  let start = 1;
  for (let end = path.indexOf('/', start); end !== -1; end = path.indexOf('/', start)) {
    segments.push(path.slice(start, end));
    start = end + 1;
  }
  segments.push(path.slice(start));
  return segments;
}

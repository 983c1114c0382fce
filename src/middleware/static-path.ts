// §13 path handling, made strict. Pecan strips slashes, drops `..` and empty segments and tries
// what is left (`/css/../a.txt` → `css/a.txt`); here any attempt to name something other than a
// plain file name below the root makes the path no static path at all, and the request goes
// on to the app: it can never be resolved against the disk.

const ENCODED_SEPARATOR = /%(?:2f|5c)/i;
const FORBIDDEN = /[/\\\0]/;

/**
 * The decoded segments of a request path below the mount point (still percent-encoded, no
 * query), or `null` when it is not a safe static path: a `.` or `..` segment (also encoded as
 * `%2e`), an encoded `/` or `\`, a backslash, a NUL byte, or malformed percent-encoding.
 * Empty segments (`//`) are dropped, as Pecan does.
 */
export function staticSegments(rawPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    if (ENCODED_SEPARATOR.test(raw)) return null;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || FORBIDDEN.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

// Content type from the URL extension (§1.8, §3.4). Python Pecan asks the host's `mimetypes`
// table, which varies with the Python version and /etc/mime.types; we ship a fixed table so an
// app routes the same everywhere. Encoding-only extensions (.gz .bz2 .br .xz .Z) are left out
// on purpose: mimetypes reports them as encodings, not types, so `/file.tar.gz` is untouched.

const TYPES: ReadonlyMap<string, string> = new Map([
  // §3.4 table
  ['html', 'text/html'],
  ['htm', 'text/html'],
  ['txt', 'text/plain'],
  ['json', 'application/json'],
  ['xml', 'application/xml'],
  ['js', 'text/javascript'],
  ['css', 'text/css'],
  ['csv', 'text/csv'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['svg', 'image/svg+xml'],
  ['pdf', 'application/pdf'],
  // common web types, IANA names
  ['mjs', 'text/javascript'],
  ['map', 'application/json'],
  ['webmanifest', 'application/manifest+json'],
  ['xhtml', 'application/xhtml+xml'],
  ['md', 'text/markdown'],
  ['yaml', 'application/yaml'],
  ['yml', 'application/yaml'],
  ['rss', 'application/rss+xml'],
  ['atom', 'application/atom+xml'],
  ['ics', 'text/calendar'],
  ['rtf', 'application/rtf'],
  ['ico', 'image/vnd.microsoft.icon'],
  ['webp', 'image/webp'],
  ['avif', 'image/avif'],
  ['bmp', 'image/bmp'],
  ['tif', 'image/tiff'],
  ['tiff', 'image/tiff'],
  ['woff', 'font/woff'],
  ['woff2', 'font/woff2'],
  ['ttf', 'font/ttf'],
  ['otf', 'font/otf'],
  ['eot', 'application/vnd.ms-fontobject'],
  ['mp3', 'audio/mpeg'],
  ['ogg', 'audio/ogg'],
  ['wav', 'audio/wav'],
  ['mp4', 'video/mp4'],
  ['webm', 'video/webm'],
  ['wasm', 'application/wasm'],
  ['zip', 'application/zip'],
  ['tar', 'application/x-tar'],
]);

const SLASH = 47;
const DOT = 46;

/** The content type for a file extension (`'json'` or `'.json'`, any case), if known. */
export function typeForExtension(ext: string): string | undefined {
  const bare = ext.charCodeAt(0) === DOT ? ext.slice(1) : ext;
  return TYPES.get(bare.toLowerCase());
}

export interface SplitExtension {
  /** The path with the extension cut out (`/index.html/` → `/index/`). */
  readonly path: string;
  /** The extension as written in the path, with its dot (`'.json'`). */
  readonly extension: string;
  readonly contentType: string;
}

/**
 * §1.8 + §3.4: guess the content type from a decoded request path by the extension of its
 * last component, trailing slashes tolerated. Returns `null` (path untouched) when there is no
 * extension or it is not in the table.
 */
export function splitExtension(path: string): SplitExtension | null {
  // Python: os.path.splitext(path.rstrip('/')); scanned by hand because most paths have no
  // dot in their last component and should cost no allocation.
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  let dot = -1;
  let start = end;
  while (start > 0) {
    const c = path.charCodeAt(start - 1);
    if (c === SLASH) break;
    if (c === DOT && dot < 0) dot = start - 1;
    start--;
  }
  if (dot < 0) return null;
  // Leading dots do not start an extension: `.vimrc`, `..x` have none (splitext's rule).
  let first = start;
  while (first < dot && path.charCodeAt(first) === DOT) first++;
  if (first === dot) return null;
  const extension = path.slice(dot, end);
  const contentType = TYPES.get(extension.slice(1).toLowerCase());
  if (contentType === undefined) return null;
  // Pecan cuts the last occurrence of the extension text from the whole path; only slashes can
  // follow the extension, so that occurrence is always the one at `dot`.
  return { path: path.slice(0, dot) + path.slice(end), extension, contentType };
}

import { isUtf8 } from 'node:buffer';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import { HTTPError } from './errors.js';
import { addParam, createParams, MAX_PARAMS, parseParamString, type Params } from './params.js';

export interface ContentType {
  /** The media type, lower-cased, without parameters ('' when there is no header). */
  type: string;
  /** Parameters by lower-cased name, quotes removed; the first of a repeated name wins. */
  params: Record<string, string>;
}

/** Parses a Content-Type header, tolerating stray whitespace, quotes and empty parameters. */
export function parseContentType(header: string | null | undefined): ContentType {
  // Rarely read, and most often empty: the cheaper way to make it (null-object.ts).
  const params = Object.create(null) as Record<string, string>;
  if (!header) return { type: '', params };
  let semi = header.indexOf(';');
  if (semi === -1) return { type: header.trim().toLowerCase(), params };
  const type = header.slice(0, semi).trim().toLowerCase();
  const length = header.length;
  let i = semi + 1;
  while (i < length) {
    const eq = header.indexOf('=', i);
    semi = header.indexOf(';', i);
    if (eq === -1 || (semi !== -1 && semi < eq)) {
      // A parameter without '=' carries nothing: skip it.
      if (semi === -1) break;
      i = semi + 1;
      continue;
    }
    const name = header.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (j < length && (header[j] === ' ' || header[j] === '\t')) j++;
    let value: string;
    if (header[j] === '"') {
      value = '';
      j++;
      // RFC 9110 quoted-string: a backslash escapes the next character.
      while (j < length && header[j] !== '"') {
        if (header[j] === '\\' && j + 1 < length) j++;
        value += header[j];
        j++;
      }
      semi = header.indexOf(';', j);
    } else {
      value = header.slice(j, semi === -1 ? length : semi).trim();
    }
    if (name !== '' && !Object.hasOwn(params, name)) params[name] = value;
    if (semi === -1) break;
    i = semi + 1;
  }
  return { type, params };
}

/**
 * §2.1: the only types Pecan reads as JSON, given as `parseContentType(...).type`
 * (parameters such as charset are already gone). `application/vnd.api+json` is not one.
 */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || type === 'application/javascript';
}

/** An urlencoded form body; invalid UTF-8, raw or escaped, is a 400 (DESIGN §5.12). */
export function parseUrlencoded(body: Buffer): Params {
  if (body.length === 0) return createParams();
  // DESIGN §5.12: malformed input is a 400, as for paths and queries. WebOb decoded a form with
  // U+FFFD in place of bad bytes, which let `a=%ff` and `a=%fe` arrive as the same value.
  // Raw (unescaped) bytes are checked here, escaped ones inside parseParamString.
  const params = isUtf8(body) ? parseParamString(body.toString('utf8'), 'reject') : undefined;
  if (params === undefined) throw new HTTPError(400, 'Malformed form body: not UTF-8 encoded');
  return params;
}

/** Caps on a parsed JSON body, as the query string and forms have theirs (DESIGN §5.12). */
export interface JsonLimits {
  /** Object keys in the whole document, at most (default 10 000). */
  maxKeys: number;
  /** Nesting of objects and arrays, at most (default 32). */
  maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxKeys: 10_000,
  maxDepth: 32,
});

/**
 * Decodes UTF-8, refusing what is not: one native call that checks and decodes, where
 * `isUtf8()` then `toString()` read the bytes twice (about 70 ns less for a small body). It also
 * drops a leading BOM. A Node built without ICU has no `fatal` decoder: there, the two calls.
 */
const decodeUtf8: (body: Buffer) => string | undefined = (() => {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder('utf-8', { fatal: true });
  } catch {
    return (body) => {
      if (!isUtf8(body)) return undefined;
      const text = body.toString('utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    };
  }
  return (body) => {
    try {
      return decoder.decode(body);
    } catch {
      return undefined;
    }
  };
})();

/**
 * A JSON body: `undefined` when empty; not UTF-8, not JSON, or beyond `limits` → 400 (DESIGN
 * §5.12). A leading BOM is ignored. `JSON.parse` stores a `"__proto__"` key as an own data
 * property, so parsing never touches `Object.prototype`.
 */
export function parseJson(body: Buffer, limits: JsonLimits = DEFAULT_JSON_LIMITS): unknown {
  if (body.length === 0) return undefined;
  const text = decodeUtf8(body);
  if (text === undefined) throw new HTTPError(400, 'Malformed JSON body: not UTF-8 encoded');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HTTPError(400, `Malformed JSON body: ${reason}`);
  }
  if (!withinLimitsByLength(text.length, limits)) checkJsonLimits(value, limits);
  return value;
}

/**
 * Whether a JSON text is too short to break either cap, so that its document need not be
 * walked. Each level of nesting takes an opening and a closing bracket (`n` levels: at least
 * `2n` characters), and each key at least four (`"":0`) besides its separator, so a text of
 * fewer than `2 × (maxDepth + 1)` characters cannot nest deeper than `maxDepth`, nor one of
 * fewer than `4 × (maxKeys + 1)` hold more than `maxKeys` keys. At the defaults: under 66
 * characters, which most API request bodies are.
 */
function withinLimitsByLength(length: number, limits: JsonLimits): boolean {
  return length < 2 * (limits.maxDepth + 1) && length < 4 * (limits.maxKeys + 1);
}

/** Walks the parsed document without recursion or copies, counting keys and depth. */
function checkJsonLimits(root: unknown, limits: JsonLimits): void {
  if (typeof root !== 'object' || root === null) return;
  const values: object[] = [root];
  const depths: number[] = [1];
  let keys = 0;
  while (values.length > 0) {
    const value = values.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > limits.maxDepth)
      throw new HTTPError(400, `JSON body too deeply nested: at most ${limits.maxDepth} levels`);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    // JSON.parse makes plain objects with own keys only, so `for…in` sees exactly those.
    for (const key in value) {
      if (++keys > limits.maxKeys)
        throw new HTTPError(400, `JSON body has too many keys: at most ${limits.maxKeys}`);
      const child = value[key];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
}

/** One file of a multipart body, fully buffered (the body was already bounded by `bodyLimit`). */
export interface UploadedFile {
  fieldName: string;
  /** The client's file name, without any directory part ('' when the part named none). */
  filename: string;
  contentType: string;
  /** The part's Content-Transfer-Encoding ('7bit' when absent). */
  encoding: string;
  data: Buffer;
  size: number;
}

/** Caps on the parts of one multipart body; exceeding one is a 413. */
export interface MultipartLimits {
  files?: number;
  fields?: number;
  /** Files and fields together; defaults to `MAX_PARAMS`, like the query string. */
  parts?: number;
}

export interface MultipartBody {
  /**
   * Every part by field name, files included as `UploadedFile` objects, so an upload binds to
   * a controller argument by name as a WebOb FieldStorage does in Pecan's params (§2.1).
   */
  fields: Params;
  files: Record<string, UploadedFile | UploadedFile[]>;
}

/**
 * A `multipart/form-data` body. No boundary or a malformed/truncated body → 400, a limit
 * exceeded → 413, another multipart subtype → 415. Always settles: the whole body is handed
 * to the parser at once, and its 'error' event is always listened to.
 */
export function parseMultipart(
  body: Buffer,
  contentType: string,
  limits: MultipartLimits = {},
): Promise<MultipartBody> {
  const { type, params } = parseContentType(contentType);
  if (type !== 'multipart/form-data') {
    return Promise.reject(new HTTPError(415, `Unsupported multipart type "${type}"`));
  }
  if (!params.boundary) {
    return Promise.reject(new HTTPError(400, 'multipart body without boundary'));
  }
  const fields = createParams();
  const files = createParams() as MultipartBody['files'];
  // A bodiless POST that merely names the type carries no parts.
  if (body.length === 0) return Promise.resolve({ fields, files });
  return new Promise((resolve, reject) => {
    let settled = false;
    let finished = false;
    let pendingFiles = 0;
    const fail = (error: HTTPError): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const malformed = (error: unknown): void =>
      fail(new HTTPError(400, `Malformed multipart body: ${(error as Error).message}`));
    const tooMany = (what: string, limit: number | undefined): void =>
      fail(new HTTPError(413, `Too many ${what} in multipart body: at most ${limit} are accepted`));
    const done = (): void => {
      if (settled || !finished || pendingFiles > 0) return;
      settled = true;
      resolve({ fields, files });
    };
    const parts = limits.parts ?? MAX_PARAMS;
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        // The body is bounded already; a per-value cap would silently truncate instead.
        limits: { files: limits.files, fields: limits.fields, parts, fieldSize: Infinity },
      });
    } catch (error) {
      // Busboy's own Content-Type reading can still refuse what ours accepted.
      malformed(error);
      return;
    }
    parser.on('error', malformed);
    parser.on('partsLimit', () => tooMany('parts', parts));
    parser.on('filesLimit', () => tooMany('files', limits.files));
    parser.on('fieldsLimit', () => tooMany('fields', limits.fields));
    parser.on('field', (name: string | undefined, value: string) => {
      if (name !== undefined) addParam(fields, name, value);
    });
    const onFile = (
      name: string | undefined,
      stream: BusboyFileStream,
      filename: string | undefined,
      encoding: string,
      mimeType: string,
    ): void => {
      if (name === undefined) {
        stream.resume();
        return;
      }
      // Registered now, filled at 'end', so fields and files keep their arrival order.
      const file: UploadedFile = {
        fieldName: name,
        filename: filename ?? '',
        contentType: mimeType,
        encoding,
        data: EMPTY,
        size: 0,
      };
      addParam(fields, name, file);
      addParam(files, name, file);
      pendingFiles++;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', malformed);
      stream.on('end', () => {
        file.data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        file.size = file.data.length;
        pendingFiles--;
        done();
      });
    };
    parser.on('file', onFile);
    parser.on('finish', () => {
      finished = true;
      done();
    });
    try {
      parser.end(body);
    } catch (error) {
      malformed(error);
    }
  });
}

const EMPTY = Buffer.alloc(0);

/**
 * Static files (pecan-reference §13, Pecan's `StaticFileMiddleware`): the outermost layer, so a
 * file shadows any route with the same path (§0.1). Everything that is not a file goes on to
 * the app untouched. Runtime-neutral: files come through a `StaticFileSystem`.
 */
import { HTTPError } from '../core/errors.js';
import { errorResponse } from '../core/error-response.js';
import { slashUrl } from '../core/slash-url.js';
import type { Logger } from '../core/logger.js';
import type { PecanRequest } from '../core/request.js';
import type { PecanResponse } from '../core/response.js';
import type { StaticFileSystem } from './file-system.js';
import type { PecanHandler } from './handler.js';
import { fileResponse } from './file-response.js';
import { staticSegments } from './static-path.js';

/** `makeApp(root, { staticRoot, serveStatic: { … } })`. */
export interface StaticOptions {
  /**
   * Serve this file for a path that names a folder — `true` means `index.html`. Off by default
   * (as in Pecan). A folder path without its trailing slash is redirected to it (GET/HEAD).
   */
  index?: boolean | string;
  /** `Cache-Control` of every file (default `public`, as Pecan). */
  cacheControl?: string;
  /**
   * Serve files and folders whose name starts with a dot (`/.env`, `/.git/config`). Off by
   * default: such paths go on to the app as if there were no file.
   */
  dotfiles?: boolean;
  /** Where files come from (default: `staticRoot` on the local disk, through `node:fs`). */
  fileSystem?: StaticFileSystem;
}

export interface ResolvedStaticOptions {
  fileSystem: StaticFileSystem;
  index: string | null;
  cacheControl: string;
  dotfiles: boolean;
  basePath: string;
  logger: Logger;
}

export function serveStaticFiles(next: PecanHandler, options: ResolvedStaticOptions): PecanHandler {
  return (request) => {
    const path = belowMount(request.rawPath, options.basePath);
    const segments = path === null ? null : staticSegments(path);
    if (segments === null || (!options.dotfiles && segments.some(isDotName))) return next(request);
    return findFileResponse(request, segments, path!.endsWith('/'), options).then(
      // §13 step 4: missing files and folders fall through to the application.
      (response) => response ?? next(request),
      (error: unknown) => {
        // A failing disk (or file system) is a server error, never a crash (§8.3).
        options.logger.error(`pecan: static file lookup failed for ${request.rawPath}`, error);
        return errorResponse(new HTTPError(500), request);
      },
    );
  };
}

/** The file's response, a redirect to a folder's slash URL, or `null`: not a static file. */
async function findFileResponse(
  request: PecanRequest,
  segments: string[],
  trailingSlash: boolean,
  options: ResolvedStaticOptions,
): Promise<PecanResponse | null> {
  const { fileSystem, index, cacheControl } = options;
  // §13 step 3: a regular file only (Pecan serves `/a.txt/` as `a.txt` too).
  if (segments.length > 0) {
    const file = await fileSystem.find(segments);
    if (file !== null) return fileResponse(request, file, segments.at(-1)!, cacheControl);
  }
  if (index !== null) {
    const file = await fileSystem.find([...segments, index]);
    if (file !== null) {
      if (trailingSlash || segments.length === 0)
        return fileResponse(request, file, index, cacheControl);
      // A folder's page is read relative to the folder: send the client to the slash URL.
      if (request.method === 'GET' || request.method === 'HEAD')
        return errorResponse(new HTTPError(302, { location: slashUrl(request) }), request);
    }
  }
  return null;
}

/** `.env`, `.git`: hidden by convention, often secret, never served unless asked for. */
function isDotName(segment: string): boolean {
  return segment.charCodeAt(0) === 46;
}

/** The path below `basePath` (still encoded), or `null` when the request is not under it. */
function belowMount(rawPath: string, basePath: string): string | null {
  if (basePath === '') return rawPath;
  if (rawPath === basePath) return '/';
  return rawPath.startsWith(`${basePath}/`) ? rawPath.slice(basePath.length) : null;
}

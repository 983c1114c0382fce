import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StaticFile, StaticFileSystem } from './file-system.js';

/**
 * The static root on the local disk. Symlinks are followed only while they stay inside the
 * root: the file's real path must lie below the root's real path (Pecan's `os.path.isfile`
 * followed them anywhere).
 */
export function nodeFileSystem(root: string): StaticFileSystem {
  const absoluteRoot = path.resolve(root);
  let realRoot: string | null = null;
  return {
    async find(segments) {
      // A drive letter or an NTFS stream name (`file::$DATA`) must never reach the disk.
      if (path.sep === '\\' && segments.some((segment) => segment.includes(':'))) return null;
      // Resolved on first use (not cached while missing: the folder may appear later).
      realRoot ??= await realpath(absoluteRoot).catch(() => null);
      if (realRoot === null) return null;
      const real = await realpath(path.join(realRoot, ...segments)).catch(() => null);
      if (real === null || !isInside(realRoot, real)) return null;
      const stats = await stat(real).catch(() => null);
      if (stats === null || !stats.isFile()) return null;
      return fileAt(real, stats.size, stats.mtimeMs);
    },
  };
}

function isInside(root: string, file: string): boolean {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return file.startsWith(prefix);
}

function fileAt(real: string, size: number, mtimeMs: number): StaticFile {
  return {
    size,
    mtimeMs,
    // The resolved path is read, so a link swapped after the check cannot redirect the read.
    read: (start, end) => createReadStream(real, { start, end, highWaterMark: 64 * 1024 }),
  };
}

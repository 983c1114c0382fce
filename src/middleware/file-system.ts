/**
 * What the static-file layer needs from a file system. The layer itself is runtime-neutral (it
 * serves both entry points); `nodeFileSystem(root)` is the default, loaded only when static files
 * are on, and a runtime without `node:fs` (or a test) can pass its own.
 */
export interface StaticFileSystem {
  /**
   * The regular file at `segments` below the static root, or `null` when there is none — a
   * missing file, a directory, or anything that resolves outside the root (a symlink pointing
   * out). Each segment is already decoded and safe: never empty, `.`, `..`, and free of `/`,
   * `\` and NUL.
   */
  find(segments: readonly string[]): Promise<StaticFile | null>;
}

export interface StaticFile {
  /** Size in bytes. */
  readonly size: number;
  /** Last modification time, in milliseconds since the epoch. */
  readonly mtimeMs: number;
  /**
   * Streams bytes `start` to `end` (both inclusive, `start <= end < size`). Closing the
   * iterator early (a client that left, a HEAD) must release the file.
   */
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

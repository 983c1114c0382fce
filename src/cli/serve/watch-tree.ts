import fs from 'node:fs';
import path from 'node:path';

export interface TreeWatcher {
  close(): void;
}

/** Folders never watched: dependencies, build caches, VCS and other dot-folders. */
export function isIgnoredDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Watches `root` and its sub-folders (not `node_modules` or dot-folders) with one `fs.watch`
 * per folder, and calls `onChange(file)` for every change. Folders created later are watched as
 * they appear. Node 20's recursive `fs.watch` would also walk node_modules.
 */
export function watchTree(root: string, onChange: (file: string) => void): TreeWatcher {
  const watchers = new Map<string, fs.FSWatcher>();

  const add = (dir: string): void => {
    if (watchers.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, (event, filename) => {
        const file = path.join(dir, filename ?? '');
        if (event === 'rename') rescan(file);
        onChange(file);
      });
    } catch {
      return; // vanished meanwhile, or not readable
    }
    watcher.on('error', () => forget(dir));
    watchers.set(dir, watcher);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !isIgnoredDir(entry.name)) add(path.join(dir, entry.name));
    }
  };

  const forget = (dir: string): void => {
    for (const [watched, watcher] of watchers) {
      if (watched === dir || watched.startsWith(dir + path.sep)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };

  // A name that appeared (a new folder: watch it) or disappeared (stop watching it).
  const rescan = (file: string): void => {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file);
    } catch {
      forget(file);
      return;
    }
    if (stat.isDirectory() && !isIgnoredDir(path.basename(file))) add(file);
  };

  add(root);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

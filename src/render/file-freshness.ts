import { statSync } from 'node:fs';

/**
 * Debug mode's template reloading: remembers the files compiled templates came from (layouts
 * and partials included), so a render can tell that one changed and recompile. Production never
 * creates one: compiled templates are kept for the life of the app.
 */
export class FileFreshness {
  private readonly stamps = new Map<string, string>();

  /** Call before reading `file`, so an edit made while it is read is still noticed. */
  record(file: string): void {
    this.stamps.set(file, stamp(file));
  }

  /** Whether a recorded file changed or vanished; if so, forgets them all (all will be re-read). */
  takeChanged(): boolean {
    for (const [file, recorded] of this.stamps) {
      if (stamp(file) !== recorded) {
        this.stamps.clear();
        return true;
      }
    }
    return false;
  }
}

function stamp(file: string): string {
  try {
    const stats = statSync(file, { bigint: true });
    return `${stats.mtimeNs}:${stats.size}`;
  } catch {
    return 'missing';
  }
}

/**
 * New rows of an append-only table (a timeline, a history), fanned out to listeners. It polls
 * the table rather than relying on an in-process event, so it sees changes made by every
 * process that shares the database; it polls only while someone listens.
 *
 * It follows the table by id ("rows after the last id seen"), which is only right if a row
 * that commits is never numbered below one already visible. SQLite numbers rows under its one
 * write lock, so that holds. On PostgreSQL a sequence numbers rows at insert time, and
 * concurrent transactions may commit in another order: one that took id 7 and commits after
 * the transaction of id 8 would be skipped for good. The tables this feed follows are
 * therefore numbered in commit order there (migrate.ts, `orderIdsByCommit`: each insert takes
 * its id under a per-table lock held until commit). That keeps this reader simple and exact,
 * and the ids stay usable as SSE event ids (Last-Event-ID, `?since=`), which a re-scanned
 * window or a timed gap list would make approximate.
 */
/** A table whose ids grow in commit order (see above). */
export interface ChangeSource<Row extends { id: number }> {
  /** The highest id now in the table (0 when it is empty). */
  latestId(): Promise<number>;
  /** Rows with an id above `id`, in id order, at most `limit` of them. */
  rowsAfter(id: number, limit: number): Promise<Row[]>;
}

export type ChangeListener<Row> = (rows: Row[]) => void;

const PAGE = 200;

export class ChangeFeed<Row extends { id: number }> {
  private readonly listeners = new Set<ChangeListener<Row>>();
  private lastId: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    readonly source: ChangeSource<Row>,
    private readonly intervalMs = 500,
  ) {}

  /** Calls `listener` with the rows added after now; returns the unsubscribe function. */
  subscribe(listener: ChangeListener<Row>): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      void this.poll(); // learn where "now" is at once, not one interval later
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.lastId = null;
      }
    };
  }

  /** One poll; overlapping calls share it. Exposed for tests. */
  poll(): Promise<void> {
    this.polling ??= this.readNewRows().finally(() => (this.polling = null));
    return this.polling;
  }

  private async readNewRows(): Promise<void> {
    try {
      if (this.lastId === null) {
        this.lastId = await this.source.latestId();
        return;
      }
      for (;;) {
        const rows = await this.source.rowsAfter(this.lastId, PAGE);
        if (rows.length === 0) return;
        this.lastId = rows[rows.length - 1]!.id;
        for (const listener of this.listeners) listener(rows);
        if (rows.length < PAGE) return;
      }
    } catch {
      // The database is busy or restarting: the next poll tries again from the same id.
    }
  }
}

/**
 * The transactional outbox: a durable work queue in the service's own database. A service
 * writes a job in the same transaction as the state change that causes it (`enqueue`), so the
 * two commit or roll back together; the dispatcher then runs each job's handler outside any
 * request, retries failures with backoff, and deletes a job only once its handler succeeded.
 * Delivery is therefore at least once; receivers make it exactly once by ignoring repeats
 * (inbox.ts).
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pecan';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { DialectMigration } from './migrate.js';
import { addIdColumn } from './migrate.js';

export interface OutboxTable {
  id: number;
  topic: string;
  body: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  dead_at: string | null;
}

export interface OutboxDatabase {
  outbox: OutboxTable;
}

export const outboxMigration: DialectMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable('outbox'), dialect)
      .addColumn('topic', 'text', (column) => column.notNull())
      .addColumn('body', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (column) => column.notNull())
      .addColumn('claimed_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('dead_at', 'text')
      .execute();
    await db.schema
      .createIndex('outbox_due')
      .on('outbox')
      .columns(['dead_at', 'next_attempt_at'])
      .execute();
  },
};

/**
 * For a service with ordered topics: the index their heads are read by (topic, living, id
 * order), so that finding the next job of a topic costs the same however long its backlog.
 */
export const outboxHeadIndexMigration: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('outbox_head')
      .on('outbox')
      .columns(['topic', 'dead_at', 'id'])
      .execute();
  },
  async down(db) {
    await db.schema.dropIndex('outbox_head').execute();
  },
};

/** Writes a job; call it with the transaction that makes the change the job reports. */
export async function enqueue(q: Kysely<any>, topic: string, body: unknown): Promise<void> {
  const now = new Date().toISOString();
  await (q as Kysely<OutboxDatabase>)
    .insertInto('outbox')
    .values({
      topic,
      body: JSON.stringify(body),
      created_at: now,
      attempts: 0,
      next_attempt_at: now,
    } as never)
    .execute();
}

/** A handler failure that retrying cannot mend (the receiver rejected the job as invalid). */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export interface JobInfo {
  id: number;
  topic: string;
  /** This attempt's number, from 1. */
  attempt: number;
  /** The last attempt before the job is parked as dead (Infinity: never). */
  maxAttempts: number;
}

export type JobHandler = (body: unknown, job: JobInfo) => Promise<void>;

export interface TopicOptions {
  handle: JobHandler;
  /**
   * Jobs run one at a time in the order they were written, and a failing job holds back the
   * ones after it (as a queue does): for notifications whose order matters to the receiver.
   */
  ordered?: boolean;
  /** Default: Infinity — a job waits for its receiver as long as it takes. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
}

export interface DispatcherOptions {
  db: Kysely<any>;
  topics: Record<string, TopicOptions>;
  logger?: Logger;
  /** How often to look for due jobs when nobody calls `wake()`. */
  pollMs?: number;
  /**
   * How long a claimed job is left to its process before another may take it (default 15 s).
   * A process that dies holding a job delays it by up to this much; a handler slower than this
   * may see its job run twice, which receivers absorb (inbox.ts). Keep it above the handler's
   * own timeout.
   */
  leaseMs?: number;
  /** Jobs of unordered topics run this many at a time. */
  concurrency?: number;
}

export interface DispatcherStats {
  delivered: number;
  failedAttempts: number;
  dead: number;
}

const BATCH = 50;

export class OutboxDispatcher {
  readonly stats: DispatcherStats = { delivered: 0, failedAttempts: 0, dead: 0 };
  private readonly db: Kysely<OutboxDatabase>;
  private running: Promise<void> | null = null;
  private readonly inFlight = new Map<number, Promise<void>>();
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private lastSweep = 0;

  constructor(private readonly options: DispatcherOptions) {
    this.db = options.db as Kysely<OutboxDatabase>;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Stops taking jobs and waits for the ones in hand to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    await Promise.all(this.inFlight.values());
    this.running = null;
  }

  /** Looks for jobs now instead of at the next poll (after a commit that wrote one). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * One pass, for tests and tools: runs every job that is due at `now` (at most `concurrency`
   * at a time, the next starting as soon as one ends) and resolves to how many ran.
   */
  async runDue(now = new Date()): Promise<number> {
    const jobs = await this.dueJobs(now);
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) await this.run(jobs[next++]!);
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    return jobs.length;
  }

  private get concurrency(): number {
    return Math.max(1, this.options.concurrency ?? 4);
  }

  /**
   * The background loop keeps up to `concurrency` jobs running: a slow job (a webhook waiting
   * for its timeout) holds one slot, not the others. A job that ends wakes the loop, and an
   * idle loop sleeps until the next job is due or the poll interval ends, whichever is first.
   */
  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      // One `now` for both questions: every job due by then is a candidate of this pass, and
      // every job due after it counts in the wait, however long the pass takes.
      const now = new Date();
      let started = 0;
      try {
        started = await this.startDue(now);
      } catch (error) {
        // The database itself failed (restarting, locked): try again at the next poll.
        this.options.logger?.error(`outbox: cannot read jobs: ${describe(error)}`);
      }
      if (started > 0 || this.stopping) continue;
      const ms = await this.untilNextDue(now);
      // Checked after the await: a job that ended meanwhile has woken us already.
      if (!this.woken && !this.stopping) await this.sleep(ms);
    }
  }

  private async startDue(now: Date): Promise<number> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const jobs = (await this.dueJobs(now)).filter((job) => !this.inFlight.has(job.id));
    for (const job of jobs.slice(0, free)) {
      const running = this.run(job)
        .catch((error: unknown) =>
          this.options.logger?.error(`outbox: job ${job.id}: ${describe(error)}`),
        )
        .finally(() => {
          this.inFlight.delete(job.id);
          this.wake();
        });
      this.inFlight.set(job.id, running);
    }
    return Math.min(jobs.length, free);
  }

  /**
   * Milliseconds until a job becomes due after `since`: the next retry, or a lease running out.
   * Jobs due by `since` but not started are waiting for a slot or for the head of their
   * ordered topic; a job that ends wakes the loop for them.
   */
  private async untilNextDue(since: Date): Promise<number> {
    const pollMs = this.options.pollMs ?? 1000;
    const now = since.toISOString();
    try {
      const [retry, lease] = await Promise.all([
        this.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.min('next_attempt_at').as('at'))
          .where('dead_at', 'is', null)
          .where('next_attempt_at', '>', now)
          .executeTakeFirst(),
        this.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.min('claimed_until').as('at'))
          .where('dead_at', 'is', null)
          .where('claimed_until', '>', now)
          .executeTakeFirst(),
      ]);
      const waits = [retry?.at, lease?.at]
        .filter((time): time is string => typeof time === 'string')
        .map((time) => Date.parse(time) - Date.now());
      return Math.max(0, Math.min(pollMs, ...waits));
    } catch {
      return pollMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.wakeUp = done;
    });
  }

  /**
   * Due, unclaimed, living jobs; of an ordered topic, only its oldest living job. The jobs of
   * unordered topics come from one query (up to BATCH); each ordered topic's head from a query
   * of its own, which the `outbox_head` index answers without reading the jobs behind it — a
   * scan of the whole backlog per job sent made sending slower the longer the backlog grew.
   */
  private async dueJobs(now: Date): Promise<OutboxTable[]> {
    const stamp = now.toISOString();
    const orderedTopics = Object.entries(this.options.topics)
      .filter(([, topic]) => topic.ordered)
      .map(([name]) => name);
    const isDue = (job: OutboxTable) =>
      job.next_attempt_at <= stamp && (job.claimed_until === null || job.claimed_until < stamp);
    const heads = await Promise.all(
      orderedTopics.map((topic) =>
        this.db
          .selectFrom('outbox')
          .selectAll()
          .where('topic', '=', topic)
          .where('dead_at', 'is', null)
          .orderBy('id')
          .limit(1)
          .executeTakeFirst(),
      ),
    );
    const due = heads.filter((job): job is OutboxTable => job !== undefined && isDue(job));
    // With every topic ordered, the rest are jobs of topics nobody handles (to be parked): a
    // look once a poll interval finds them, without a scan of the backlog per job sent.
    if (orderedTopics.length === Object.keys(this.options.topics).length) {
      if (now.getTime() - this.lastSweep < (this.options.pollMs ?? 1000)) return due;
      this.lastSweep = now.getTime();
    }
    let candidates = this.db
      .selectFrom('outbox')
      .selectAll()
      .where('dead_at', 'is', null)
      .where('next_attempt_at', '<=', stamp)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', stamp)]));
    if (orderedTopics.length > 0) candidates = candidates.where('topic', 'not in', orderedTopics);
    return [...due, ...(await candidates.orderBy('id').limit(BATCH).execute())];
  }

  private async run(job: OutboxTable): Promise<void> {
    const leaseMs = this.options.leaseMs ?? 15_000;
    const now = new Date();
    const claimed = await this.db
      .updateTable('outbox')
      .set({ claimed_until: new Date(now.getTime() + leaseMs).toISOString() })
      .where('id', '=', job.id)
      .where((eb) =>
        eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now.toISOString())]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return; // another process took it
    const topic = this.options.topics[job.topic];
    const maxAttempts = topic?.maxAttempts ?? Infinity;
    const attempt = job.attempts + 1;
    try {
      if (!topic) throw new PermanentError(`no handler for topic ${job.topic}`);
      await topic.handle(JSON.parse(job.body), {
        id: job.id,
        topic: job.topic,
        attempt,
        maxAttempts,
      });
    } catch (error) {
      await this.failed(job, attempt, maxAttempts, topic?.backoff, error);
      return;
    }
    await this.db.deleteFrom('outbox').where('id', '=', job.id).execute();
    this.stats.delivered++;
  }

  private async failed(
    job: OutboxTable,
    attempt: number,
    maxAttempts: number,
    backoff: BackoffPolicy | undefined,
    error: unknown,
  ): Promise<void> {
    this.stats.failedAttempts++;
    const dead = error instanceof PermanentError || attempt >= maxAttempts;
    const now = Date.now();
    await this.db
      .updateTable('outbox')
      .set({
        attempts: attempt,
        last_error: describe(error).slice(0, 1000),
        claimed_until: null,
        next_attempt_at: new Date(
          now + backoffDelay(attempt, backoff ?? DEFAULT_BACKOFF),
        ).toISOString(),
        dead_at: dead ? new Date(now).toISOString() : null,
      })
      .where('id', '=', job.id)
      .execute();
    if (dead) {
      this.stats.dead++;
      this.options.logger?.error(
        `outbox: job ${job.id} (${job.topic}) parked after ${attempt} attempt(s): ${describe(error)}`,
      );
    } else {
      this.options.logger?.warn(
        `outbox: job ${job.id} (${job.topic}) attempt ${attempt} failed, will retry: ${describe(error)}`,
      );
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface OutboxStats {
  /** Jobs waiting for their handler to succeed (retries included). */
  pending: number;
  /** Jobs parked after their last attempt: an operator must look at them. */
  dead: number;
  /** When the oldest pending job was written (null: none). */
  oldestPendingAt: string | null;
}

/** What the outbox holds now: for a service's stats endpoint and its monitoring. */
export async function outboxStats(q: Kysely<any>): Promise<OutboxStats> {
  const rows = await (q as Kysely<OutboxDatabase>)
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.min('created_at').as('oldest'),
      eb.case().when('dead_at', 'is', null).then('pending').else('dead').end().as('kind'),
    ])
    .groupBy('kind')
    .execute();
  const pending = rows.find((row) => row.kind === 'pending');
  return {
    pending: Number(pending?.count ?? 0),
    dead: Number(rows.find((row) => row.kind === 'dead')?.count ?? 0),
    oldestPendingAt: pending?.oldest ?? null,
  };
}

import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { firstDelivery } from '../inbox.js';
import {
  enqueue,
  OutboxDispatcher,
  outboxStats,
  PermanentError,
  type TopicOptions,
} from '../outbox.js';
import { openTestDatabase, type TestDatabase } from './db-fixture.js';

const NO_WAIT = { initialMs: 0, maxMs: 0, factor: 2 };
const dispatchers: OutboxDispatcher[] = [];
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
});

function dispatcher(db: Kysely<TestDatabase>, topics: Record<string, TopicOptions>, extra = {}) {
  const d = new OutboxDispatcher({ db, topics, pollMs: 20, ...extra });
  dispatchers.push(d);
  return d;
}

async function jobs(db: Kysely<TestDatabase>) {
  return db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

describe('enqueue', () => {
  it('commits with the change it reports', async () => {
    const db = await openTestDatabase();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notes')
        .values({ text: 'a' } as never)
        .execute();
      await enqueue(trx, 'note', { text: 'a' });
    });
    expect(await jobs(db)).toHaveLength(1);
  });

  it('rolls back with it: neither the change nor the job remains', async () => {
    const db = await openTestDatabase();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('notes')
          .values({ text: 'a' } as never)
          .execute();
        await enqueue(trx, 'note', { text: 'a' });
        throw new Error('controller failed');
      }),
    ).rejects.toThrow('controller failed');
    expect(await jobs(db)).toHaveLength(0);
    expect(await db.selectFrom('notes').selectAll().execute()).toHaveLength(0);
  });
});

describe('OutboxDispatcher', () => {
  it('runs each job and deletes it once its handler succeeded', async () => {
    const db = await openTestDatabase();
    const seen: unknown[] = [];
    await enqueue(db, 'note', { n: 1 });
    await enqueue(db, 'note', { n: 2 });
    const d = dispatcher(db, { note: { handle: async (body) => void seen.push(body) } });
    expect(await d.runDue()).toBe(2);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await jobs(db)).toHaveLength(0);
    expect(d.stats.delivered).toBe(2);
  });

  it('keeps a failed job, counts the attempt and schedules the next one later', async () => {
    const db = await openTestDatabase();
    await enqueue(db, 'note', {});
    const d = dispatcher(db, {
      note: {
        handle: () => Promise.reject(new Error('receiver down')),
        backoff: { initialMs: 60_000, maxMs: 60_000, factor: 2 },
      },
    });
    const before = Date.now();
    await d.runDue();
    const [job] = await jobs(db);
    expect(job).toMatchObject({
      attempts: 1,
      last_error: 'receiver down',
      dead_at: null,
      claimed_until: null,
    });
    expect(Date.parse(job!.next_attempt_at)).toBeGreaterThanOrEqual(before + 30_000);
    expect(await d.runDue()).toBe(0); // not due yet
  });

  it('retries until the handler succeeds, telling it which attempt this is', async () => {
    const db = await openTestDatabase();
    await enqueue(db, 'note', {});
    const attempts: number[] = [];
    const d = dispatcher(db, {
      note: {
        backoff: NO_WAIT,
        handle: async (_body, job) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error('not yet');
        },
      },
    });
    for (let i = 0; i < 3; i++) await d.runDue(new Date(Date.now() + 1000));
    expect(attempts).toEqual([1, 2, 3]);
    expect(await jobs(db)).toHaveLength(0);
  });

  it('parks a job after maxAttempts, and at once on a PermanentError', async () => {
    const db = await openTestDatabase();
    await enqueue(db, 'limited', {});
    await enqueue(db, 'refused', {});
    const d = dispatcher(db, {
      limited: { maxAttempts: 2, backoff: NO_WAIT, handle: () => Promise.reject(new Error('x')) },
      refused: { handle: () => Promise.reject(new PermanentError('400 bad envelope')) },
    });
    await d.runDue(new Date(Date.now() + 1000));
    await d.runDue(new Date(Date.now() + 1000));
    const rows = await jobs(db);
    expect(rows.map((r) => [r.topic, r.attempts, r.dead_at !== null])).toEqual([
      ['limited', 2, true],
      ['refused', 1, true],
    ]);
    expect(await d.runDue(new Date(Date.now() + 10_000))).toBe(0);
    expect(d.stats.dead).toBe(2);
  });

  it('parks a job whose topic has no handler', async () => {
    const db = await openTestDatabase();
    await enqueue(db, 'unknown', {});
    await dispatcher(db, {}).runDue();
    expect((await jobs(db))[0]?.last_error).toMatch(/no handler/);
  });

  it('holds back the rest of an ordered topic while its oldest job fails', async () => {
    const db = await openTestDatabase();
    for (const n of [1, 2, 3]) await enqueue(db, 'ordered', { n });
    const delivered: number[] = [];
    let receiverUp = false;
    const d = dispatcher(db, {
      ordered: {
        ordered: true,
        backoff: NO_WAIT,
        handle: async (body) => {
          if (!receiverUp) throw new Error('down');
          delivered.push((body as { n: number }).n);
        },
      },
    });
    await d.runDue(new Date(Date.now() + 1000));
    expect((await jobs(db)).map((j) => j.attempts)).toEqual([1, 0, 0]);
    receiverUp = true;
    for (let i = 0; i < 3; i++) await d.runDue(new Date(Date.now() + 1000));
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('runs a job once even when two dispatchers share the database', async () => {
    const db = await openTestDatabase();
    for (let n = 0; n < 10; n++) await enqueue(db, 'note', { n });
    const runs: number[] = [];
    const handle = async (body: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      runs.push((body as { n: number }).n);
    };
    const a = dispatcher(db, { note: { handle } });
    const b = dispatcher(db, { note: { handle } });
    await Promise.all([a.runDue(), b.runDue()]);
    expect(runs.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('delivers in the background when woken, and stops cleanly', async () => {
    const db = await openTestDatabase();
    let resolveSeen!: (body: unknown) => void;
    const seen = new Promise((resolve) => (resolveSeen = resolve));
    const d = dispatcher(
      db,
      { note: { handle: async (body) => resolveSeen(body) } },
      { pollMs: 60_000 },
    );
    d.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await enqueue(db, 'note', { hello: true });
    d.wake();
    await expect(seen).resolves.toEqual({ hello: true });
    await d.stop();
  });
});

describe('OutboxDispatcher in the background', () => {
  it('keeps the other slots going while one job is slow', async () => {
    const db = await openTestDatabase();
    const finished: string[] = [];
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    await enqueue(db, 'job', { name: 'slow' });
    for (const name of ['a', 'b', 'c']) await enqueue(db, 'job', { name });
    const d = dispatcher(
      db,
      {
        job: {
          handle: async (body) => {
            const { name } = body as { name: string };
            if (name === 'slow') await slowGate;
            finished.push(name);
          },
        },
      },
      { concurrency: 2, pollMs: 60_000 },
    );
    d.start();
    await waitUntil(() => finished.length === 3);
    expect(finished).toEqual(['a', 'b', 'c']);
    releaseSlow();
    await waitUntil(() => finished.length === 4);
  });

  it('retries when the job is due, not at the next poll', async () => {
    const db = await openTestDatabase();
    await enqueue(db, 'job', {});
    let attempts = 0;
    const d = dispatcher(
      db,
      {
        job: {
          backoff: { initialMs: 100, maxMs: 100, factor: 1 },
          handle: async () => {
            if (++attempts === 1) throw new Error('first attempt fails');
          },
        },
      },
      { pollMs: 60_000 },
    );
    d.start();
    await waitUntil(() => attempts === 2, 2000);
    expect(await jobs(db)).toHaveLength(0);
  });

  it('does not spin while an ordered topic waits for its failing head', async () => {
    const db = await openTestDatabase();
    for (const n of [1, 2, 3]) await enqueue(db, 'ordered', { n });
    const d = dispatcher(
      db,
      {
        ordered: {
          ordered: true,
          backoff: { initialMs: 60_000, maxMs: 60_000, factor: 1 },
          handle: () => Promise.reject(new Error('down')),
        },
      },
      { pollMs: 200 },
    );
    let passes = 0;
    const dueJobs = (d as unknown as { dueJobs: (now: Date) => Promise<unknown[]> }).dueJobs;
    (d as unknown as { dueJobs: typeof dueJobs }).dueJobs = function (this: unknown, now: Date) {
      passes++;
      return dueJobs.call(this, now);
    };
    d.start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(passes).toBeLessThan(10); // about one per poll, not thousands
    expect((await jobs(db)).map((j) => j.attempts)).toEqual([1, 0, 0]);
  });
});

async function waitUntil(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('firstDelivery', () => {
  it('is true once per message id', async () => {
    const db = await openTestDatabase();
    expect(await firstDelivery(db, 'm1')).toBe(true);
    expect(await firstDelivery(db, 'm1')).toBe(false);
    expect(await firstDelivery(db, 'm2')).toBe(true);
  });

  it('forgets an id whose processing rolled back, so the retry processes it', async () => {
    const db = await openTestDatabase();
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await firstDelivery(trx, 'm1')).toBe(true);
        throw new Error('processing failed');
      }),
    ).rejects.toThrow();
    expect(await firstDelivery(db, 'm1')).toBe(true);
  });
});

describe('outboxStats', () => {
  it('counts pending and parked jobs, and names the oldest pending one', async () => {
    const db = await openTestDatabase();
    expect(await outboxStats(db)).toEqual({ pending: 0, dead: 0, oldestPendingAt: null });
    await enqueue(db, 'ok', {});
    await enqueue(db, 'refused', {});
    await enqueue(db, 'ok', {});
    await dispatcher(db, {
      refused: { handle: () => Promise.reject(new PermanentError('no')) },
      ok: {
        handle: () => Promise.reject(new Error('later')),
        backoff: { initialMs: 60_000, maxMs: 60_000, factor: 2 },
      },
    }).runDue();
    const first = await db
      .selectFrom('outbox')
      .select('created_at')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(await outboxStats(db)).toEqual({
      pending: 2,
      dead: 1,
      oldestPendingAt: first.created_at,
    });
  });
});

/**
 * The PostgreSQL dialect against a private cluster: the migrations create both schemas, also
 * when several processes start at once; ids of followed tables commit in order (and what goes
 * wrong without it); int8 values read as numbers; and the compare-and-set writes that keep
 * processes apart (outbox claims, lifecycle versions, the inbox) hold under real concurrency.
 */
import { spawn } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDeployment,
  transition,
  type LifecycleContext,
} from '../../deployer/domain/deployments.js';
import { deployerMigrations } from '../../deployer/domain/migrations.js';
import type { DeployerDatabase } from '../../deployer/domain/schema.js';
import { changeState } from '../../notifier/domain/alarms.js';
import { notifierMigrations } from '../../notifier/domain/migrations.js';
import { receiveNotification } from '../../notifier/domain/receive.js';
import type { NotifierDatabase } from '../../notifier/domain/schema.js';
import { ChangeFeed } from '../../shared/change-feed.js';
import { openDatabase, type Database } from '../../shared/database.js';
import { firstDelivery, inboxMigration } from '../../shared/inbox.js';
import { makeNotification } from '../../shared/notification.js';
import { addIdColumn, migrateToLatest } from '../../shared/migrate.js';
import { enqueue, OutboxDispatcher, outboxStats } from '../../shared/outbox.js';
import { root } from '../harness.js';
import { startPostgres, type PostgresCluster } from './postgres.js';

let cluster: PostgresCluster;
const opened: Database<any>[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await Promise.all(opened.splice(0).map((database) => database.db.destroy()));
  await cluster?.dispose();
});

let databases = 0;
async function freshDatabase(): Promise<string> {
  return cluster.createDatabase(`test_${++databases}`);
}

function open<DB>(url: string, poolSize = 5): Database<DB> {
  const database = openDatabase<DB>({ dialect: 'postgres', url, poolSize });
  opened.push(database);
  return database;
}

async function deployerDatabase(url?: string): Promise<Kysely<DeployerDatabase>> {
  const database = open<DeployerDatabase>(url ?? (await freshDatabase()));
  await migrateToLatest(database, deployerMigrations);
  return database.db;
}

const context: LifecycleContext = { publisherId: 'deployer.test' };

function runProcess(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('migrations on PostgreSQL', () => {
  it('several processes starting at once on empty databases: each migration runs once', async () => {
    const [deployerUrl, notifierUrl] = [await freshDatabase(), await freshDatabase()];
    const script = 'examples/tests/services/migrate-process.ts';
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => runProcess([script, deployerUrl, notifierUrl])),
    );
    for (const run of runs) expect(run.code, run.output).toBe(0);
    // Between them, the processes ran every migration exactly once.
    const ran = runs.flatMap((run) => JSON.parse(run.output.trim().split('\n').pop()!) as string[]);
    expect(ran.sort()).toEqual(
      [
        ...Object.keys(deployerMigrations),
        '001-outbox',
        '002-inbox',
        '003-alarms',
        '004-default-definitions',
        '005-alarm-status-reason',
        '006-history-in-commit-order',
        '007-heat-stacks',
        '008-heat-definitions',
      ].sort(),
    );
    const notifier = open<any>(notifierUrl).db;
    const definitions = await notifier.selectFrom('alarm_definitions').select('name').execute();
    expect(definitions.map((d) => d.name).sort()).toEqual([
      'deployment-failed',
      'deployment-finished',
      'stack-failed',
    ]);
    const deployer = open<any>(deployerUrl).db;
    const names = await deployer.selectFrom('kysely_migration').select('name').execute();
    expect(names).toHaveLength(Object.keys(deployerMigrations).length);
  }, 60_000);

  it('reads bigint and count(*) as numbers, as SQLite does', async () => {
    const db = await deployerDatabase();
    await db
      .transaction()
      .execute((trx) =>
        createDeployment(
          trx,
          { name: 'numbers', app: 'static-site', size: 'small', count: 1 },
          { regions: ['R1'] },
          context,
        ),
      );
    const row = await db
      .selectFrom('deployments')
      .select(['next_check_at', 'count'])
      .executeTakeFirstOrThrow();
    expect(typeof row.next_check_at).toBe('number');
    const counted = await db
      .selectFrom('deployments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(counted.n).toBe(1);
    expect(await outboxStats(db)).toMatchObject({ pending: 1, dead: 0 });
  });
});

/** Inserts one row in a transaction left open; resolves to its id and the commit. */
async function openInsert(db: Kysely<any>, table: string, values: Record<string, unknown>) {
  const trx = await db.startTransaction().execute();
  const { id } = await trx
    .insertInto(table)
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(id), commit: () => trx.commit().execute() };
}

describe('ids in commit order, for the change feeds', () => {
  async function eventsFeed(db: Kysely<any>, table: string) {
    const seen: number[] = [];
    const feed = new ChangeFeed<{ id: number }>(
      {
        async latestId() {
          const row = await db
            .selectFrom(table)
            .select((eb) => eb.fn.max('id').as('id'))
            .executeTakeFirst();
          return Number(row?.id ?? 0);
        },
        rowsAfter: (id, limit) =>
          db
            .selectFrom(table)
            .select('id')
            .where('id', '>', id)
            .orderBy('id')
            .limit(limit)
            .execute(),
      },
      60_000, // polled by hand
    );
    const unsubscribe = feed.subscribe((rows) => seen.push(...rows.map((row) => Number(row.id))));
    await feed.poll();
    return { seen, feed, unsubscribe };
  }

  it('without the lock a plain sequence commits out of order, and an id follower skips a row', async () => {
    const url = await freshDatabase();
    const database = open<any>(url);
    await migrateToLatest(database, {
      '001-plain': {
        up: (db, dialect) =>
          addIdColumn(db.schema.createTable('plain'), dialect).addColumn('note', 'text').execute(),
      },
    });
    const { db } = database;
    const { seen, feed, unsubscribe } = await eventsFeed(db, 'plain');
    const first = await openInsert(db, 'plain', { note: 'slow' });
    const second = await openInsert(db, 'plain', { note: 'fast' }); // not held back
    expect(second.id).toBeGreaterThan(first.id);
    await second.commit();
    await feed.poll();
    await first.commit();
    await feed.poll();
    unsubscribe();
    expect(seen).toEqual([second.id]); // the first row is lost to the feed
  });

  it('with it, a second writer numbers its row only after the first committed: nothing is skipped', async () => {
    const db = await deployerDatabase();
    await db
      .transaction()
      .execute((trx) =>
        createDeployment(
          trx,
          { name: 'ordered', app: 'static-site', size: 'small', count: 1 },
          { regions: ['R1'] },
          context,
        ),
      );
    const { id: deploymentId } = await db
      .selectFrom('deployments')
      .select('id')
      .executeTakeFirstOrThrow();
    const { seen, feed, unsubscribe } = await eventsFeed(db, 'deployment_events');
    const event = {
      deployment_id: deploymentId,
      event_type: 'deployment.create.start',
      status: 'CREATE_IN_PROGRESS',
      status_reason: 'test',
      created_at: new Date().toISOString(),
    };
    const first = await openInsert(db, 'deployment_events', event);
    let secondDone = false;
    const second = openInsert(db, 'deployment_events', event).then((insert) => {
      secondDone = true;
      return insert;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone, 'the second insert waits for the first transaction').toBe(false);
    await feed.poll();
    await first.commit();
    const later = await second;
    expect(later.id).toBeGreaterThan(first.id);
    await later.commit();
    await feed.poll();
    unsubscribe();
    expect(seen).toEqual([first.id, later.id]);
  });
});

describe('compare-and-set under real concurrency', () => {
  it('outbox: four dispatchers with pools of their own run each of 120 jobs exactly once', async () => {
    const url = await freshDatabase();
    const first = open<any>(url);
    await migrateToLatest(first, {
      '001-outbox': (await import('../../shared/outbox.js')).outboxMigration,
    });
    for (let i = 0; i < 120; i++) await enqueue(first.db, 'job', { n: i });
    const runs = new Map<number, number>();
    const dispatchers = Array.from({ length: 4 }, () => {
      const { db } = open<any>(url, 3);
      return new OutboxDispatcher({
        db,
        concurrency: 4,
        topics: {
          job: {
            handle: async (body) => {
              const { n } = body as { n: number };
              runs.set(n, (runs.get(n) ?? 0) + 1);
              await new Promise((resolve) => setTimeout(resolve, 2));
            },
          },
        },
      });
    });
    // All four take the same due jobs at once.
    await Promise.all(dispatchers.map((d) => d.runDue()));
    for (;;) {
      const ran = await Promise.all(dispatchers.map((d) => d.runDue()));
      if (ran.every((n) => n === 0)) break;
    }
    expect(runs.size).toBe(120);
    expect(
      [...runs.values()].every((count) => count === 1),
      JSON.stringify([...runs]),
    ).toBe(true);
    expect(dispatchers.reduce((sum, d) => sum + d.stats.delivered, 0)).toBe(120);
  });

  it('lifecycle versions: of eight processes moving one deployment at once, one wins', async () => {
    const url = await freshDatabase();
    const db = await deployerDatabase(url);
    await db
      .transaction()
      .execute((trx) =>
        createDeployment(
          trx,
          { name: 'contended', app: 'static-site', size: 'small', count: 1 },
          { regions: ['R1'] },
          context,
        ),
      );
    const row = await db.selectFrom('deployments').selectAll().executeTakeFirstOrThrow();
    const pools = Array.from({ length: 8 }, () => open<DeployerDatabase>(url, 1).db);
    const results = await Promise.all(
      pools.map((pool, i) =>
        pool.transaction().execute(async (trx) => {
          await sql`select pg_sleep(0.05)`.execute(trx);
          return transition(
            trx,
            row,
            { status: 'CREATE_COMPLETE', status_reason: `worker ${i}` },
            context,
          );
        }),
      ),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    const events = await db.selectFrom('deployment_events').select('status').execute();
    expect(events.map((e) => e.status).sort()).toEqual(['CREATE_COMPLETE', 'CREATE_IN_PROGRESS']);
  });

  it('inbox: eight concurrent deliveries of one message id, one first delivery', async () => {
    const url = await freshDatabase();
    const first = open<any>(url);
    await migrateToLatest(first, { '001-inbox': inboxMigration });
    const pools = Array.from({ length: 8 }, () => open<any>(url, 1).db);
    const id = '3f1c8d5e-9a2b-4c6d-8e7f-0a1b2c3d4e5f';
    const firsts = await Promise.all(
      pools.map((pool) =>
        pool.transaction().execute(async (trx) => {
          const isFirst = await firstDelivery(trx, id);
          await sql`select pg_sleep(0.05)`.execute(trx);
          return isFirst;
        }),
      ),
    );
    expect(firsts.filter(Boolean)).toHaveLength(1);
  });
});

describe('the notifier’s writers on PostgreSQL', () => {
  it('a notification that clears an alarm and an operator acknowledging it at once never deadlock', async () => {
    const url = await freshDatabase();
    const first = open<NotifierDatabase>(url);
    await migrateToLatest(first, notifierMigrations({ operatorEmail: 'ops@example.test' }));
    const [receiver, operator] = [
      open<NotifierDatabase>(url, 2).db,
      open<NotifierDatabase>(url, 2).db,
    ];
    const event = (type: string, id: string) =>
      makeNotification(type, { deployment_id: id, name: id }, { publisherId: 'deployer.test' });
    const failures: unknown[] = [];
    for (let i = 0; i < 25; i++) {
      const deployment = `d-${i}`;
      // An open critical alarm, then at the same moment: the lifecycle's success clears it (a
      // history row, then the alarm's row) while an operator acknowledges it (the same two).
      await first.db
        .transaction()
        .execute((trx) => receiveNotification(trx, event('deployment.create.error', deployment)));
      const { id } = await first.db
        .selectFrom('alarms')
        .select('id')
        .where('deployment_id', '=', deployment)
        .executeTakeFirstOrThrow();
      const results = await Promise.allSettled([
        receiver
          .transaction()
          .execute((trx) => receiveNotification(trx, event('deployment.update.end', deployment))),
        (async () => {
          await new Promise((resolve) => setTimeout(resolve, i % 5));
          return operator
            .transaction()
            .execute((trx) => changeState(trx, Number(id), 'acknowledged', 'on it'));
        })(),
      ]);
      for (const result of results) if (result.status === 'rejected') failures.push(result.reason);
    }
    expect(failures.map((error) => String(error))).toEqual([]);
  }, 60_000);
});

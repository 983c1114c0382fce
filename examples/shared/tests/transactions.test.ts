import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { expose, makeApp } from 'pecan';
import { describeAdapters } from '../../../test/support/adapters.js';
import { recordingLogger } from '../../../test/support/logger.js';
import { enqueue } from '../outbox.js';
import { query, transactionHook } from '../transactions.js';
import { openTestDatabase, type TestDatabase } from './db-fixture.js';

class NotesController {
  constructor(private readonly db: Kysely<TestDatabase>) {}

  @expose('json') index() {
    return query(this.db).selectFrom('notes').select('text').orderBy('id').execute();
  }

  @expose('json') async add(text: string) {
    await query(this.db)
      .insertInto('notes')
      .values({ text } as never)
      .execute();
    await enqueue(query(this.db), 'note.added', { text });
    if (text === 'boom') throw new Error('failed after writing');
    return { saved: text };
  }

  @expose('json') inTransaction() {
    return { transaction: query(this.db) !== this.db };
  }
}

async function setUp() {
  const db = await openTestDatabase();
  const logger = recordingLogger();
  const app = makeApp(new NotesController(db), { hooks: [transactionHook(db)], logger });
  return { db, app, logger };
}

describeAdapters('a transaction per request', ({ client }) => {
  it('commits a request that writes, with its outbox job', async () => {
    const { db, app } = await setUp();
    const c = await client(app);
    expect((await c.post('/add', { form: { text: 'one' } })).status).toBe(200);
    expect((await c.get('/')).json).toEqual([{ text: 'one' }]);
    expect(await db.selectFrom('outbox').select('topic').execute()).toEqual([
      { topic: 'note.added' },
    ]);
  });

  it('rolls back a request that fails: no row, no job', async () => {
    const { db, app, logger } = await setUp();
    const c = await client(app);
    expect((await c.post('/add', { form: { text: 'boom' } })).status).toBe(500);
    expect(logger.lines.map((l) => l.level)).toEqual(['error']);
    expect((await c.get('/')).json).toEqual([]);
    expect(await db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('gives writes a transaction and reads the database itself', async () => {
    const { app } = await setUp();
    const c = await client(app);
    expect((await c.get('/inTransaction')).json).toEqual({ transaction: false });
    expect((await c.post('/inTransaction')).json).toEqual({ transaction: true });
  });

  it('keeps concurrent writers apart', async () => {
    const { app } = await setUp();
    const c = await client(app);
    const texts = ['a', 'b', 'boom', 'c', 'd'];
    const statuses = await Promise.all(texts.map((text) => c.post('/add', { form: { text } })));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 500, 200, 200]);
    const saved = ((await c.get('/')).json as { text: string }[]).map((r) => r.text).sort();
    expect(saved).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('query()', () => {
  it('needs a request: outside one it is a mistake, not a silent fallback', async () => {
    const db = await openTestDatabase();
    expect(() => query(db)).toThrow();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { addIdColumn, migrateToLatest, type Migrations } from '../migrate.js';

const migrations: Migrations = {
  '001-notes': {
    up: (db, dialect) =>
      addIdColumn(db.schema.createTable('notes'), dialect)
        .addColumn('text', 'text', (c) => c.notNull())
        .execute(),
  },
  '002-tags': {
    up: (db) => db.schema.createTable('tags').addColumn('name', 'text').execute(),
  },
};

describe('migrateToLatest', () => {
  it('runs each migration once, in name order', async () => {
    const database = openDatabase({ dialect: 'sqlite', filename: ':memory:' });
    expect(await migrateToLatest(database, migrations)).toEqual(['001-notes', '002-tags']);
    expect(await migrateToLatest(database, migrations)).toEqual([]);
  });

  it('lets several processes start on a new database file at once', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-')), 'db.sqlite');
    // Separate connections to one file stand for separate processes.
    const starts = Array.from({ length: 4 }, () =>
      migrateToLatest(openDatabase({ dialect: 'sqlite', filename: file }), migrations),
    );
    const done = await Promise.all(starts);
    expect(done.flat().sort()).toEqual(['001-notes', '002-tags']);
  });

  it('fails, after its attempts, for a migration that is wrong', async () => {
    const database = openDatabase({ dialect: 'sqlite', filename: ':memory:' });
    const broken: Migrations = { '001': { up: (db) => db.schema.createTable('x').execute() } };
    await expect(migrateToLatest(database, broken, 2)).rejects.toThrow(/migration failed/);
  });
});

/**
 * The deployer's schema, written with Kysely's schema builder so that the same migrations run on
 * SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import { addIdColumn, orderIdsByCommit, type Migrations } from '../../shared/migrate.js';
import { outboxHeadIndexMigration, outboxMigration } from '../../shared/outbox.js';

export const deployerMigrations: Migrations = {
  '001-outbox': outboxMigration,
  '002-deployments': {
    async up(db, dialect) {
      await db.schema
        .createTable('deployments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('size', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('stack_id', 'text')
        .addColumn('submitted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('next_check_at', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // A name is taken while its deployment exists; a deleted one frees it.
      await db.schema
        .createIndex('deployments_live_name')
        .on('deployments')
        .column('name')
        .unique()
        .where(sql.ref('status'), '!=', 'DELETE_COMPLETE')
        .execute();
      await db.schema
        .createIndex('deployments_due')
        .on('deployments')
        .column('next_check_at')
        .execute();
      await db.schema
        .createIndex('deployments_created')
        .on('deployments')
        .columns(['created_at', 'id'])
        .execute();

      await addIdColumn(db.schema.createTable('deployment_events'), dialect)
        .addColumn('deployment_id', 'text', (c) =>
          c.notNull().references('deployments.id').onDelete('cascade'),
        )
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('deployment_events_deployment')
        .on('deployment_events')
        .column('deployment_id')
        .execute();

      await db.schema
        .createTable('simulated_stacks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text', (c) => c.notNull())
        .addColumn('parameters', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('failure_reason', 'text', (c) => c.notNull())
        .addColumn('finishes_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Heat refuses a second live stack with the same name in a project.
      await db.schema
        .createIndex('simulated_stacks_live_name')
        .on('simulated_stacks')
        .columns(['region', 'name'])
        .unique()
        .where(sql.ref('status'), '!=', 'DELETE_COMPLETE')
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('simulated_stacks').execute();
      await db.schema.dropTable('deployment_events').execute();
      await db.schema.dropTable('deployments').execute();
    },
  },
  // The live views follow deployment_events by id; its notifications, written in the same
  // transactions, then also reach the outbox in commit order.
  '003-events-in-commit-order': {
    up: (db, dialect) => orderIdsByCommit(db, dialect, 'deployment_events'),
  },
  // Stack outputs (a URL, a password), kept with the deployment; the simulated cloud keeps its
  // stacks' templates to resolve theirs.
  '004-stack-outputs': {
    async up(db) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema
        .alterTable('deployments')
        .addColumn('outputs', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      for (const [column, empty] of [
        ['template', '{}'],
        ['outputs', '[]'],
        ['resources', '{}'],
      ] as const)
        await db.schema
          .alterTable('simulated_stacks')
          .addColumn(column, 'text', (c) => c.notNull().defaultTo(empty))
          .execute();
    },
    async down(db) {
      for (const column of ['template', 'outputs', 'resources'])
        await db.schema.alterTable('simulated_stacks').dropColumn(column).execute();
      await db.schema.alterTable('deployments').dropColumn('outputs').execute();
    },
  },
  // The notifications topic is ordered: its next job is read by this index (outbox.ts).
  '005-outbox-head': outboxHeadIndexMigration,
};

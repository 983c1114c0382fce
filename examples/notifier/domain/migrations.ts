/**
 * The notifier's schema, as migrations in code (Kysely's schema builder, so that the same list
 * runs on SQLite and PostgreSQL). Kysely's Migrator records which ran: each runs once per database.
 */
import type { Kysely } from 'kysely';
import { inboxMigration } from '../../shared/inbox.js';
import { addIdColumn, orderIdsByCommit, type Migrations } from '../../shared/migrate.js';
import { outboxMigration } from '../../shared/outbox.js';
import type { DefinitionInput } from './definition-input.js';

export interface SeedSettings {
  /** Who the default critical definition e-mails. */
  operatorEmail: string;
}

/**
 * What the demo shows out of the box: a low alarm for every lifecycle that finishes, and a
 * critical one, e-mailed to the operator, for every lifecycle that fails.
 */
export function defaultDefinitions({ operatorEmail }: SeedSettings): DefinitionInput[] {
  return [
    {
      name: 'deployment-finished',
      description: 'A deployment lifecycle (create, update, delete) finished.',
      eventType: 'deployment.*.end',
      severity: 'low',
      actions: [{ type: 'log' }],
      enabled: true,
    },
    {
      name: 'deployment-failed',
      description: 'A deployment lifecycle failed.',
      eventType: 'deployment.*.error',
      severity: 'critical',
      actions: [{ type: 'log' }, { type: 'email', to: [operatorEmail] }],
      enabled: true,
    },
  ];
}

/**
 * Alarms from Heat's own notifications (when the notifier subscribes to them: settings.ts,
 * `heatNotifications`): every stack lifecycle that fails, whoever made the stack, raises a
 * critical alarm; the stack's next lifecycle that ends well (`orchestration.stack.*.end`)
 * resolves it, as `deployment.*.end` resolves `deployment.*.error`.
 *
 * It is logged, not e-mailed. For a stack the deployer made, the deployer's own
 * `deployment-failed` alarm follows for the same failure and is the one e-mailed: both stay,
 * tied to the same deployment and resolved together, because each says what the other cannot —
 * Heat's comes at once from the engine, with Heat's reason, and also covers stacks changed
 * outside the deployer or while it is down; the deployer's says the deployment failed, and also
 * covers failures where no stack ever existed (Heat refused the request, or was unreachable).
 * A Heat shared by many projects reports every project's stacks: e-mailing the operator for
 * each would be noise. Add an e-mail action to this definition to be mailed for every stack.
 */
export function heatDefinitions(): DefinitionInput[] {
  return [
    {
      name: 'stack-failed',
      description:
        "A Heat stack's create, update, delete (or other action) failed, reported by Heat itself.",
      eventType: 'orchestration.stack.*.error',
      severity: 'critical',
      actions: [{ type: 'log' }],
      enabled: true,
    },
  ];
}

export function notifierMigrations(seed: SeedSettings): Migrations {
  return {
    '001-outbox': outboxMigration,
    '002-inbox': inboxMigration,
    '003-alarms': {
      async up(db, dialect) {
        await addIdColumn(db.schema.createTable('alarm_definitions'), dialect)
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('actions', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await addIdColumn(db.schema.createTable('alarms'), dialect)
          .addColumn('definition_id', 'integer', (c) =>
            c.references('alarm_definitions.id').onDelete('set null'),
          )
          .addColumn('definition_name', 'text', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('deployment_id', 'text')
          .addColumn('deployment_name', 'text')
          .addColumn('message_id', 'text', (c) => c.notNull())
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('publisher_id', 'text', (c) => c.notNull())
          .addColumn('notified_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('alarms_deployment_state')
          .on('alarms')
          .columns(['deployment_id', 'state'])
          .execute();
        await addIdColumn(db.schema.createTable('alarm_history'), dialect)
          .addColumn('alarm_id', 'integer', (c) =>
            c.notNull().references('alarms.id').onDelete('cascade'),
          )
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('from_state', 'text')
          .addColumn('to_state', 'text')
          .addColumn('reason', 'text')
          .addColumn('action', 'text')
          .addColumn('target', 'text')
          .addColumn('attempt', 'integer')
          .addColumn('outcome', 'text')
          .addColumn('error', 'text')
          .execute();
        await db.schema
          .createIndex('alarm_history_alarm')
          .on('alarm_history')
          .column('alarm_id')
          .execute();
        await db.schema
          .createTable('counters')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'integer', (c) => c.notNull())
          .execute();
      },
    },
    // Seeded by a migration so that it happens once: definitions an operator deletes stay deleted.
    '004-default-definitions': {
      up: (db) => seedDefinitions(db, defaultDefinitions(seed)),
    },
    '005-alarm-status-reason': {
      async up(db) {
        await db.schema.alterTable('alarms').addColumn('status_reason', 'text').execute();
      },
    },
    // The live page follows alarm_history by id.
    '006-history-in-commit-order': {
      up: (db, dialect) => orderIdsByCommit(db, dialect, 'alarm_history'),
    },
    // Heat's own notifications (heat-stack.ts, subject-of.ts).
    '007-heat-stacks': {
      async up(db) {
        await db.schema.alterTable('alarms').addColumn('stack_id', 'text').execute();
        await db.schema.alterTable('alarms').addColumn('stack_name', 'text').execute();
        await db.schema
          .createIndex('alarms_stack_state')
          .on('alarms')
          .columns(['stack_id', 'state'])
          .execute();
        await db.schema
          .createTable('known_deployments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('notified_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '008-heat-definitions': {
      up: (db) => seedDefinitions(db, heatDefinitions()),
    },
  };
}

/** Inserts definitions, leaving out any whose name an operator has taken already. */
async function seedDefinitions(db: Kysely<any>, definitions: DefinitionInput[]): Promise<void> {
  const now = new Date().toISOString();
  for (const definition of definitions) {
    const taken = await db
      .selectFrom('alarm_definitions')
      .select('id')
      .where('name', '=', definition.name)
      .executeTakeFirst();
    if (taken) continue;
    await db
      .insertInto('alarm_definitions')
      .values({
        name: definition.name,
        description: definition.description,
        event_type: definition.eventType,
        severity: definition.severity,
        actions: JSON.stringify(definition.actions),
        enabled: definition.enabled ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

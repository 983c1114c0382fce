/** Alarm definitions in the database: plain functions of a Kysely executor, no HTTP. */
import type { Kysely, Selectable } from 'kysely';
import type { ActionSpec } from './action-specs.js';
import type { DefinitionInput } from './definition-input.js';
import type { AlarmDefinitionsTable, NotifierDatabase } from './schema.js';
import type { Severity } from './severities.js';

type Q = Kysely<NotifierDatabase>;

export interface AlarmDefinition extends DefinitionInput {
  id: number;
  createdAt: string;
  updatedAt: string;
}

/** A definition's name is taken (names are unique). */
export class NameTaken extends Error {
  constructor(readonly definitionName: string) {
    super(`an alarm definition named "${definitionName}" already exists`);
    this.name = 'NameTaken';
  }
}

export async function listDefinitions(q: Q): Promise<AlarmDefinition[]> {
  const rows = await q.selectFrom('alarm_definitions').selectAll().orderBy('id').execute();
  return rows.map(toDefinition);
}

export async function enabledDefinitions(q: Q): Promise<AlarmDefinition[]> {
  const rows = await q
    .selectFrom('alarm_definitions')
    .selectAll()
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map(toDefinition);
}

export async function getDefinition(q: Q, id: number): Promise<AlarmDefinition | null> {
  const row = await q
    .selectFrom('alarm_definitions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toDefinition(row) : null;
}

export async function createDefinition(q: Q, input: DefinitionInput): Promise<AlarmDefinition> {
  await assertNameFree(q, input.name, null);
  const now = new Date().toISOString();
  const { id } = await q
    .insertInto('alarm_definitions')
    .values({ ...toColumns(input), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await getDefinition(q, id))!;
}

/** Replaces a definition; null when there is none with this id. */
export async function replaceDefinition(
  q: Q,
  id: number,
  input: DefinitionInput,
): Promise<AlarmDefinition | null> {
  if ((await getDefinition(q, id)) === null) return null;
  await assertNameFree(q, input.name, id);
  await q
    .updateTable('alarm_definitions')
    .set({ ...toColumns(input), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  return getDefinition(q, id);
}

/** Deletes a definition; its alarms stay, with its name. False when there was none. */
export async function deleteDefinition(q: Q, id: number): Promise<boolean> {
  const result = await q.deleteFrom('alarm_definitions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// Checked before writing rather than by catching the unique index's error: a failed statement
// aborts a PostgreSQL transaction, and the message can name the field. The index still guards
// against a race between two transactions.
async function assertNameFree(q: Q, name: string, exceptId: number | null): Promise<void> {
  let query = q.selectFrom('alarm_definitions').select('id').where('name', '=', name);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new NameTaken(name);
}

function toColumns(input: DefinitionInput) {
  return {
    name: input.name,
    description: input.description,
    event_type: input.eventType,
    severity: input.severity,
    actions: JSON.stringify(input.actions),
    enabled: input.enabled ? 1 : 0,
  };
}

function toDefinition(row: Selectable<AlarmDefinitionsTable>): AlarmDefinition {
  return {
    id: Number(row.id),
    name: row.name,
    description: row.description,
    eventType: row.event_type,
    severity: row.severity as Severity,
    actions: JSON.parse(row.actions) as ActionSpec[],
    enabled: Boolean(row.enabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

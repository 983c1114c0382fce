/** The notifier's tables, as Kysely sees them (snake_case columns; views are camelCase). */
import type { Generated } from 'kysely';
import type { InboxDatabase } from '../../shared/inbox.js';
import type { OutboxDatabase } from '../../shared/outbox.js';

export interface AlarmDefinitionsTable {
  id: Generated<number>;
  name: string;
  description: string;
  event_type: string;
  severity: string;
  /** The action specs, as JSON. */
  actions: string;
  /** 0 or 1: better-sqlite3 binds no booleans, and an integer reads the same in PostgreSQL. */
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface AlarmsTable {
  id: Generated<number>;
  /** Null once the definition is deleted; its name stays in `definition_name`. */
  definition_id: number | null;
  definition_name: string;
  severity: string;
  state: string;
  deployment_id: string | null;
  deployment_name: string | null;
  /** The payload's `status_reason`, or a Heat stack's `state_reason` (migration 005). */
  status_reason: string | null;
  /** The Heat stack an `orchestration.*` notification is about (migration 007). */
  stack_id: string | null;
  stack_name: string | null;
  message_id: string;
  event_type: string;
  publisher_id: string;
  notified_at: string;
  created_at: string;
  updated_at: string;
}

export interface AlarmHistoryTable {
  id: Generated<number>;
  alarm_id: number;
  at: string;
  kind: 'state' | 'delivery';
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  action: string | null;
  target: string | null;
  attempt: number | null;
  outcome: string | null;
  error: string | null;
}

/** Running totals for GET /v1/stats, kept in the same transactions as what they count. */
export interface CountersTable {
  name: string;
  value: number;
}

/** Deployments heard of, with their latest name (known-deployments.ts, migration 007). */
export interface KnownDeploymentsTable {
  id: string;
  name: string;
  /** The timestamp of the notification that gave the name. */
  notified_at: string;
}

export interface NotifierDatabase extends OutboxDatabase, InboxDatabase {
  known_deployments: KnownDeploymentsTable;
  alarm_definitions: AlarmDefinitionsTable;
  alarms: AlarmsTable;
  alarm_history: AlarmHistoryTable;
  counters: CountersTable;
}

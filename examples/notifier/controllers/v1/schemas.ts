/**
 * The schemas of /v1 (docs/typed-apis.md): the notifier's own parsers, run by pecan before the
 * controllers (shared/parser-schema.ts), each with the zod contract the OpenAPI document shows.
 * tests/openapi.test.ts checks that each contract accepts what its parser accepts.
 */
import { z } from 'zod';
import { PRIORITIES, parseNotification, type Notification } from '../../../shared/notification.js';
import { parserSchema } from '../../../shared/parser-schema.js';
import { ALARM_STATES } from '../../domain/alarm-states.js';
import { MAX_ACTIONS, MAX_RECIPIENTS } from '../../domain/action-specs.js';
import { parseDefinitionInput } from '../../domain/definition-input.js';
import { SEVERITIES } from '../../domain/severities.js';
import { parseStateInput } from '../../domain/state-input.js';
import { DEFAULT_LIMIT, MAX_LIMIT, parseAlarmQuery } from '../alarm-query.js';

const severity = z.enum(SEVERITIES);

export const notificationContract = z.object({
  message_id: z.uuid().describe('Unique per message: a retry repeats it.'),
  event_type: z.string().max(255).describe('Dot-separated words, e.g. deployment.create.end.'),
  publisher_id: z.string().min(1).max(255),
  timestamp: z.string().describe('UTC, as oslo.messaging writes it: 2026-12-04 18:45:20.123000.'),
  priority: z.enum(PRIORITIES as [string, ...string[]]),
  payload: z.record(z.string(), z.unknown()),
});

export const notificationBody = parserSchema<Notification>((input) => {
  const parsed = parseNotification(input);
  return parsed.ok ? { ok: true, value: parsed.notification } : parsed;
}, notificationContract);

const action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('log') }),
  z.object({ type: z.literal('webhook'), url: z.url() }),
  z.object({
    type: z.literal('email'),
    to: z.union([z.email(), z.array(z.email()).min(1).max(MAX_RECIPIENTS)]),
  }),
]);

export const definitionContract = z.object({
  name: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
  eventType: z.string().describe('An event-type pattern: words and `*`, e.g. deployment.*.error.'),
  severity,
  actions: z.array(action).max(MAX_ACTIONS).optional(),
  enabled: z.boolean().optional(),
});

export const definitionBody = parserSchema(parseDefinitionInput, definitionContract);

export const stateContract = z.object({
  state: z.enum(ALARM_STATES),
  reason: z.string().optional().describe('Why, for the history (a default per state).'),
});

export const stateBody = parserSchema(parseStateInput, stateContract);

export const alarmQueryContract = z.object({
  state: z.enum(ALARM_STATES).optional(),
  severity: severity.optional(),
  deployment: z.string().optional().describe('Only alarms about this deployment id.'),
  limit: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .describe(`A page's size, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
  marker: z.string().regex(/^\d+$/).optional().describe('The last alarm id of the previous page.'),
});

export const alarmQuery = parserSchema((input) => {
  const parsed = parseAlarmQuery(input as Record<string, unknown>);
  return parsed.ok ? { ok: true, value: { filters: parsed.filters, page: parsed.page } } : parsed;
}, alarmQueryContract);

export const idPath = z.object({ id: z.string().describe('A positive integer id.') });

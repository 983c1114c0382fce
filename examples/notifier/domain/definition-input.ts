/**
 * The body of POST/PUT /v1/alarm-definitions, checked: every invalid field is named, so a
 * client fixes them all in one round trip. PUT replaces a definition, so both take the same
 * input; `description` and `enabled` have defaults.
 */
import { parseActions, type ActionSpec, type FieldErrors } from './action-specs.js';
import { patternProblem } from './event-pattern.js';
import { isSeverity, SEVERITIES, type Severity } from './severities.js';

export interface DefinitionInput {
  name: string;
  description: string;
  /** An event-type pattern, see event-pattern.ts. */
  eventType: string;
  severity: Severity;
  actions: ActionSpec[];
  enabled: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const MAX_NAME = 100;
const MAX_DESCRIPTION = 1000;
const FIELDS = ['name', 'description', 'eventType', 'severity', 'actions', 'enabled'];
// What GET returns beside the fields: a client may PUT back what it read.
const READ_ONLY = ['id', 'createdAt', 'updatedAt'];

export function parseDefinitionInput(body: unknown): Parsed<DefinitionInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, errors: { body: 'must be a JSON object' } };
  const input = body as Record<string, unknown>;
  const errors: FieldErrors = {};

  for (const key of Object.keys(input))
    if (!FIELDS.includes(key) && !READ_ONLY.includes(key))
      errors[key] = 'is not a field of an alarm definition';

  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > MAX_NAME)
    errors.name = `is required: a string of 1 to ${MAX_NAME} characters`;

  const description = input.description ?? '';
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION)
    errors.description = `must be a string of at most ${MAX_DESCRIPTION} characters`;

  const problem = patternProblem(input.eventType);
  if (problem !== null) errors.eventType = `is required and ${problem}`;

  if (!isSeverity(input.severity)) errors.severity = `must be one of ${SEVERITIES.join(', ')}`;

  const actions = parseActions(input.actions ?? [], errors);

  const enabled = input.enabled ?? true;
  if (typeof enabled !== 'boolean') errors.enabled = 'must be true or false';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      description: description as string,
      eventType: input.eventType as string,
      severity: input.severity as Severity,
      actions,
      enabled: enabled as boolean,
    },
  };
}

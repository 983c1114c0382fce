/** The body of PUT /v1/alarms/<id>: `{"state": "acknowledged"}`, with an optional reason. */
import { ALARM_STATES, isAlarmState, type AlarmState } from './alarm-states.js';

export interface StateInput {
  state: AlarmState;
  reason: string;
}

const MAX_REASON = 500;
const DEFAULT_REASONS: Record<AlarmState, string> = {
  alarm: '',
  acknowledged: 'acknowledged by an operator',
  ok: 'resolved by an operator',
};

export function parseStateInput(
  body: unknown,
): { ok: true; value: StateInput } | { ok: false; errors: Record<string, string> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, errors: { body: 'must be a JSON object' } };
  const input = body as Record<string, unknown>;
  const errors: Record<string, string> = {};
  for (const key of Object.keys(input))
    if (key !== 'state' && key !== 'reason') errors[key] = 'cannot be changed';
  if (!isAlarmState(input.state)) errors.state = `must be one of ${ALARM_STATES.join(', ')}`;
  const reason = input.reason ?? '';
  if (typeof reason !== 'string' || reason.length > MAX_REASON)
    errors.reason = `must be a string of at most ${MAX_REASON} characters`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const state = input.state as AlarmState;
  return { ok: true, value: { state, reason: (reason as string) || DEFAULT_REASONS[state] } };
}

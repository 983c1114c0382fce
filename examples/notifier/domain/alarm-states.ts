/**
 * The alarm state machine. Names follow OpenStack Aodh (`alarm`, `ok`) plus `acknowledged`:
 *
 *     (raised) ──► alarm ──acknowledge──► acknowledged
 *                    │                          │
 *                    └───────clear/resolve──────┴──► ok
 *
 * - A notification that matches an enabled definition raises a **new** alarm, in `alarm`.
 * - An operator acknowledges it (`alarm` → `acknowledged`): someone is on it.
 * - It goes to `ok` when the deployment later succeeds (see domain/receive.ts), or when an
 *   operator resolves it by hand; both `alarm` and `acknowledged` may go to `ok`.
 * - `ok` is final: a resolved alarm is never reopened — a new failure raises a new alarm, so
 *   each alarm's history tells one story.
 * - Asking for the state an alarm is already in changes nothing (PUT is idempotent).
 */
export const ALARM_STATES = ['alarm', 'acknowledged', 'ok'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** The states an alarm is still open in: the ones a later success of its deployment clears. */
export const OPEN_STATES: readonly AlarmState[] = ['alarm', 'acknowledged'];

export function isAlarmState(value: unknown): value is AlarmState {
  return (ALARM_STATES as readonly unknown[]).includes(value);
}

const ALLOWED: Record<AlarmState, readonly AlarmState[]> = {
  alarm: ['acknowledged', 'ok'],
  acknowledged: ['ok'],
  ok: [],
};

export type Transition = { ok: true; changed: boolean } | { ok: false; reason: string };

/** Whether an alarm in `from` may move to `to`; `changed` is false when it is already there. */
export function transition(from: AlarmState, to: AlarmState): Transition {
  if (from === to) return { ok: true, changed: false };
  if (ALLOWED[from].includes(to)) return { ok: true, changed: true };
  return { ok: false, reason: reasonFor(from, to) };
}

function reasonFor(from: AlarmState, to: AlarmState): string {
  if (to === 'alarm') return 'alarms are raised by notifications only; they cannot be reopened';
  if (from === 'ok') return `the alarm is resolved (ok); it cannot become ${to}`;
  return `an alarm cannot go from ${from} to ${to}`;
}

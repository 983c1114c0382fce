import { describe, expect, it } from 'vitest';
import { isAlarmState, transition } from '../domain/alarm-states.js';
import { isSeverity, severityRank } from '../domain/severities.js';

describe('alarm state machine', () => {
  it('acknowledges an alarm', () => {
    expect(transition('alarm', 'acknowledged')).toEqual({ ok: true, changed: true });
  });

  it('clears an alarm or an acknowledged alarm to ok', () => {
    expect(transition('alarm', 'ok')).toEqual({ ok: true, changed: true });
    expect(transition('acknowledged', 'ok')).toEqual({ ok: true, changed: true });
  });

  it('changes nothing when asked for the state the alarm is in', () => {
    expect(transition('acknowledged', 'acknowledged')).toEqual({ ok: true, changed: false });
    expect(transition('ok', 'ok')).toEqual({ ok: true, changed: false });
  });

  it('never reopens an alarm', () => {
    const fromAcknowledged = transition('acknowledged', 'alarm');
    expect(fromAcknowledged.ok).toBe(false);
    expect(!fromAcknowledged.ok && fromAcknowledged.reason).toMatch(/raised by notifications/);
    expect(transition('ok', 'alarm').ok).toBe(false);
  });

  it('does not acknowledge a resolved alarm', () => {
    const result = transition('ok', 'acknowledged');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/resolved/);
  });

  it('knows its states and severities', () => {
    expect(['alarm', 'acknowledged', 'ok'].every(isAlarmState)).toBe(true);
    expect(isAlarmState('insufficient data')).toBe(false);
    expect(isSeverity('moderate')).toBe(true);
    expect(isSeverity('high')).toBe(false);
    expect(severityRank('low')).toBeLessThan(severityRank('moderate'));
    expect(severityRank('moderate')).toBeLessThan(severityRank('critical'));
  });
});

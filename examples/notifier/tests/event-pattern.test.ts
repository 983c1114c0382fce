import { describe, expect, it } from 'vitest';
import { matchesEventType, patternProblem } from '../domain/event-pattern.js';

describe('event-type patterns', () => {
  it('match an event type exactly without a wildcard', () => {
    expect(matchesEventType('deployment.create.end', 'deployment.create.end')).toBe(true);
    expect(matchesEventType('deployment.create.end', 'deployment.create.error')).toBe(false);
    expect(matchesEventType('deployment.create', 'deployment.create.end')).toBe(false);
  });

  it('let * match one dotted segment', () => {
    expect(matchesEventType('deployment.*.error', 'deployment.create.error')).toBe(true);
    expect(matchesEventType('deployment.*.error', 'deployment.delete.error')).toBe(true);
    expect(matchesEventType('deployment.*.error', 'deployment.create.end')).toBe(false);
  });

  it('let * match across dots, as Aodh (fnmatch) does', () => {
    expect(matchesEventType('deployment.*.error', 'deployment.stack.update.error')).toBe(true);
    expect(matchesEventType('deployment.*', 'deployment.create.start')).toBe(true);
    expect(matchesEventType('*', 'anything.at.all')).toBe(true);
  });

  it('let * match an empty run of characters', () => {
    expect(matchesEventType('deployment.create*', 'deployment.create')).toBe(true);
    expect(matchesEventType('deployment.*.error', 'deployment..error')).toBe(true);
  });

  it('match the whole event type, case-sensitively', () => {
    expect(matchesEventType('deployment.*', 'old.deployment.create')).toBe(false);
    expect(matchesEventType('*.error', 'deployment.create.error.retry')).toBe(false);
    expect(matchesEventType('deployment.*.error', 'Deployment.create.error')).toBe(false);
  });

  it('treat a dot as a dot, not as a regular-expression wildcard', () => {
    expect(matchesEventType('deployment.create.end', 'deploymentXcreateXend')).toBe(false);
  });

  it('accept patterns made of event-type characters and *', () => {
    expect(patternProblem('deployment.*.error')).toBeNull();
    expect(patternProblem('compute_v2.instance-power.*')).toBeNull();
  });

  it('reject empty, non-string, too long and foreign-character patterns', () => {
    expect(patternProblem('')).toMatch(/non-empty/);
    expect(patternProblem(42)).toMatch(/non-empty string/);
    expect(patternProblem('a'.repeat(256))).toMatch(/at most 255/);
    expect(patternProblem('deployment.?.error')).toMatch(/only letters/);
    expect(patternProblem('deployment.[ab].error')).toMatch(/only letters/);
    expect(patternProblem('deployment create')).toMatch(/only letters/);
  });
});

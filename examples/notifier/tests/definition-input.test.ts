import { describe, expect, it } from 'vitest';
import { actionTarget } from '../domain/action-specs.js';
import { parseDefinitionInput } from '../domain/definition-input.js';

const valid = {
  name: 'deployment-failed',
  eventType: 'deployment.*.error',
  severity: 'critical',
  actions: [
    { type: 'log' },
    { type: 'webhook', url: 'https://hooks.example.com/alarms' },
    { type: 'email', to: 'ops@example.com' },
  ],
};

describe('alarm definition input', () => {
  it('accepts a definition and fills the defaults', () => {
    const parsed = parseDefinitionInput(valid);
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: 'deployment-failed',
        description: '',
        eventType: 'deployment.*.error',
        severity: 'critical',
        actions: [
          { type: 'log' },
          { type: 'webhook', url: 'https://hooks.example.com/alarms' },
          { type: 'email', to: ['ops@example.com'] },
        ],
        enabled: true,
      },
    });
  });

  it('accepts what GET returned, read-only fields included', () => {
    const parsed = parseDefinitionInput({ ...valid, id: 3, createdAt: 'x', updatedAt: 'y' });
    expect(parsed.ok).toBe(true);
  });

  it('names every invalid field at once', () => {
    const parsed = parseDefinitionInput({
      name: '  ',
      eventType: 'deployment.?',
      severity: 'high',
      enabled: 'yes',
      description: 7,
      colour: 'red',
      actions: [
        { type: 'sms' },
        { type: 'webhook', url: 'ftp://example.com/' },
        { type: 'email', to: ['not an address'] },
        { type: 'log', level: 'debug' },
        'log',
      ],
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && Object.keys(parsed.errors).sort()).toEqual([
      'actions[0].type',
      'actions[1].url',
      'actions[2].to',
      'actions[3].level',
      'actions[4]',
      'colour',
      'description',
      'enabled',
      'eventType',
      'name',
      'severity',
    ]);
  });

  it('requires name, eventType and severity', () => {
    const parsed = parseDefinitionInput({});
    expect(!parsed.ok && parsed.errors).toEqual({
      name: 'is required: a string of 1 to 100 characters',
      eventType: 'is required and must be a non-empty string',
      severity: 'must be one of low, moderate, critical',
    });
  });

  it('rejects a body that is not an object', () => {
    expect(parseDefinitionInput([valid])).toEqual({
      ok: false,
      errors: { body: 'must be a JSON object' },
    });
  });

  it('limits the actions and the recipients', () => {
    const many = parseDefinitionInput({ ...valid, actions: Array(11).fill({ type: 'log' }) });
    expect(!many.ok && many.errors.actions).toMatch(/at most 10/);
    const to = Array.from({ length: 21 }, (_, i) => `ops${i}@example.com`);
    const crowd = parseDefinitionInput({ ...valid, actions: [{ type: 'email', to }] });
    expect(!crowd.ok && crowd.errors['actions[0].to']).toMatch(/1 to 20/);
    const none = parseDefinitionInput({ ...valid, actions: [{ type: 'email', to: [] }] });
    expect(none.ok).toBe(false);
    const notList = parseDefinitionInput({ ...valid, actions: { type: 'log' } });
    expect(!notList.ok && notList.errors.actions).toBe('must be a list of actions');
  });

  it('describes where each action sends', () => {
    expect(actionTarget({ type: 'log' })).toBe('log');
    expect(actionTarget({ type: 'webhook', url: 'http://h/x' })).toBe('http://h/x');
    expect(actionTarget({ type: 'email', to: ['a@b.io', 'c@d.io'] })).toBe('a@b.io, c@d.io');
  });
});

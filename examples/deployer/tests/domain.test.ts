import { describe, expect, it } from 'vitest';
import { APPS, describeApp, findApp, userParameters } from '../domain/catalogue.js';
import { findFlavor } from '../domain/flavors.js';
import { conflictFor, isInProgress, STATUSES } from '../domain/states.js';
import { checkCreate, checkUpdate } from '../domain/validation.js';

const regions = { regions: ['RegionOne', 'RegionTwo'] };
const valid = { name: 'blog', app: 'wordpress', size: 'small', count: 2 };

describe('catalogue', () => {
  it('offers a static site, a WordPress site and a three-tier app', () => {
    expect(APPS.map((app) => app.id)).toEqual(['static-site', 'wordpress', 'three-tier']);
  });

  it('gives every app a HOT template whose flavor and count the deployer sets', () => {
    for (const app of APPS) {
      const template = app.templates.nova;
      expect(template.heat_template_version).toBe('2018-08-31');
      expect(template.parameters.flavor?.type).toBe('string');
      expect(template.parameters.count?.type).toBe('number');
      expect(Object.keys(userParameters(app))).not.toContain('flavor');
    }
  });

  it('describes an app with its parameters and their defaults', () => {
    const described = describeApp(findApp('wordpress')!, { kind: 'nova', waitSecs: 0 });
    expect(described.parameters).toContainEqual({
      name: 'db_name',
      type: 'string',
      label: 'Database name',
      default: 'wordpress',
      managed: false,
    });
    expect(described.parameters.find((p) => p.name === 'count')?.managed).toBe(true);
  });

  it('maps sizes to Nova flavors', () => {
    expect(findFlavor('medium')?.novaFlavor).toBe('m1.medium');
    expect(findFlavor('huge')).toBeUndefined();
  });
});

describe('states', () => {
  it('names the nine statuses as Heat does', () => {
    expect(STATUSES).toHaveLength(9);
    expect(STATUSES).toContain('CREATE_IN_PROGRESS');
    expect(STATUSES).toContain('DELETE_FAILED');
    expect(isInProgress('UPDATE_IN_PROGRESS')).toBe(true);
    expect(isInProgress('UPDATE_FAILED')).toBe(false);
  });

  it('refuses a new lifecycle while one runs, and anything on a deleted deployment', () => {
    expect(conflictFor('CREATE_IN_PROGRESS', 'UPDATE')).toMatch(/CREATE_IN_PROGRESS/);
    expect(conflictFor('DELETE_IN_PROGRESS', 'DELETE')).toMatch(/DELETE_IN_PROGRESS/);
    expect(conflictFor('DELETE_COMPLETE', 'DELETE')).toMatch(/deleted/);
    expect(conflictFor('DELETE_FAILED', 'UPDATE')).toMatch(/deleted again/);
    expect(conflictFor('DELETE_FAILED', 'DELETE')).toBeNull();
    expect(conflictFor('CREATE_FAILED', 'UPDATE')).toBeNull();
    expect(conflictFor('UPDATE_COMPLETE', 'DELETE')).toBeNull();
  });
});

describe('checkCreate', () => {
  it('accepts a valid request and fills the default region', () => {
    expect(checkCreate(valid, regions)).toEqual({
      ok: true,
      value: { ...valid, region: 'RegionOne', params: {} },
    });
  });

  it('reads a count sent by a form as a string', () => {
    const checked = checkCreate({ ...valid, count: '3', region: 'RegionTwo' }, regions);
    expect(checked.ok && checked.value).toMatchObject({ count: 3, region: 'RegionTwo' });
  });

  it('names every invalid field at once', () => {
    const checked = checkCreate(
      { name: '9 lives', app: 'nope', size: 'huge', count: 0, region: 'Mars', colour: 'red' },
      regions,
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(Object.keys(checked.errors).sort()).toEqual([
        'app',
        'colour',
        'count',
        'name',
        'region',
        'size',
      ]);
  });

  it('requires name, app, size and count', () => {
    const checked = checkCreate({}, regions);
    expect(!checked.ok && Object.keys(checked.errors).sort()).toEqual([
      'app',
      'count',
      'name',
      'size',
    ]);
  });

  it('checks params against the template: known names, right types', () => {
    const checked = checkCreate(
      { ...valid, params: { db_name: 7, site_title: 'Hi', flavor: 'm1.tiny', bogus: 1 } },
      regions,
    );
    expect(!checked.ok && checked.errors).toEqual({
      'params.db_name': 'db_name must be a string.',
      'params.flavor': 'wordpress has no parameter flavor.',
      'params.bogus': 'wordpress has no parameter bogus.',
    });
  });

  it('accepts simulate_failure as a boolean', () => {
    const checked = checkCreate({ ...valid, params: { simulate_failure: true } }, regions);
    expect(checked.ok && checked.value.params).toEqual({ simulate_failure: true });
    expect(checkCreate({ ...valid, params: { simulate_failure: 'yes' } }, regions).ok).toBe(false);
  });

  it('refuses a body that is not an object', () => {
    expect(checkCreate([1], regions)).toEqual({
      ok: false,
      errors: { body: 'Send a JSON object.' },
    });
  });

  it('rejects fractional and too large counts', () => {
    expect(checkCreate({ ...valid, count: 1.5 }, regions).ok).toBe(false);
    expect(checkCreate({ ...valid, count: 21 }, regions).ok).toBe(false);
    expect(checkCreate({ ...valid, count: '2x' }, regions).ok).toBe(false);
  });
});

describe('checkUpdate', () => {
  it('accepts a rename, a new size and a new count', () => {
    expect(checkUpdate({ name: 'blog2', size: 'large', count: '4' }, 'wordpress')).toEqual({
      ok: true,
      value: { name: 'blog2', size: 'large', count: 4 },
    });
  });

  it('refuses to change the app or region, and an empty change', () => {
    expect(checkUpdate({ app: 'three-tier', region: 'x' }, 'wordpress')).toMatchObject({
      ok: false,
      errors: { app: expect.any(String), region: expect.any(String) },
    });
    expect(checkUpdate({}, 'wordpress')).toMatchObject({
      ok: false,
      errors: { body: expect.any(String) },
    });
  });
});

/**
 * Issue 13: the rest-api template's JSON error hook answers errors in JSON and leaves redirects
 * (3xx `HTTPError`s: `redirect()`, the trailing-slash redirect) to pecan, with their Location.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { abort, expose, makeApp, redirect } from '../../src/index.js';
import { JSONErrorHook } from '../../scaffolds/rest-api/src/errors.js';

class People {
  @expose() index() {
    return 'people';
  }
}

class Root {
  people = new People();
  @expose() old() {
    redirect('/people/', { code: 301 });
  }
  @expose() gone() {
    abort(410);
  }
}

describeAdapters('the rest-api JSON error hook', ({ client }) => {
  const app = () => makeApp(new Root(), { hooks: [new JSONErrorHook()] });

  it('keeps the canonical slash redirect and redirect()', async () => {
    const c = await client(app());
    const slash = await c.get('/people');
    expect(slash.status).toBe(302);
    expect(slash.location).toBe('http://localhost/people/');
    const moved = await c.get('/old');
    expect(moved.status).toBe(301);
    expect(moved.location).toBe('http://localhost/people/');
  });

  it('answers errors in JSON', async () => {
    const c = await client(app());
    const r = await c.get('/gone');
    expect(r.status).toBe(410);
    expect(r.contentType).toBe('application/json');
    expect(r.json).toEqual({ reason: 'Gone' });
  });
});

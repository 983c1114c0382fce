import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Deployer } from '../deployer.js';
import { settle, startTestDeployer } from './support.js';

const blog = { name: 'blog', app: 'wordpress', size: 'small', count: 2 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeAdapters('deployer REST API', ({ client: clientFor }) => {
  let deployer: Deployer;
  let client: Client;
  beforeEach(async () => {
    const started = await startTestDeployer();
    deployer = started.deployer;
    client = await clientFor(started.app);
  });
  afterEach(() => deployer.stop());

  async function create(body: Record<string, unknown> = blog) {
    const response = await client.post('/v1/deployments', { json: body });
    expect(response.status).toBe(202);
    return response.json as { id: string; status: string };
  }
  async function outbox() {
    const rows = await deployer.db.selectFrom('outbox').select('body').orderBy('id').execute();
    return rows.map((row) => JSON.parse(row.body) as Record<string, any>);
  }

  it('lists the catalogue: three apps with their HOT templates and parameter defaults', async () => {
    const response = await client.get('/v1/apps');
    expect(response.status).toBe(200);
    const { apps } = response.json as { apps: any[] };
    expect(apps.map((app) => app.id)).toEqual(['static-site', 'wordpress', 'three-tier']);
    expect(apps[1].template.heat_template_version).toBe('2018-08-31');
    expect(apps[1].parameters).toContainEqual(
      expect.objectContaining({ name: 'db_name', default: 'wordpress' }),
    );
    expect((await client.get('/v1/apps/three-tier')).json).toMatchObject({ id: 'three-tier' });
  });

  it('answers an unknown app or deployment with a JSON 404', async () => {
    for (const path of ['/v1/apps/nope', '/v1/deployments/nope', '/v1/no/such/thing']) {
      const response = await client.get(path);
      expect(response.status).toBe(404);
      expect(response.json).toMatchObject({ code: 404, title: 'Not Found' });
    }
  });

  it('accepts a deployment: 202, its Location, and the deployment in progress', async () => {
    const response = await client.post('/v1/deployments', { json: blog });
    expect(response.status).toBe(202);
    const body = response.json as Record<string, any>;
    expect(body).toMatchObject({
      ...blog,
      region: 'RegionOne',
      status: 'CREATE_IN_PROGRESS',
      statusReason: 'Stack CREATE started',
    });
    expect(body.id).toMatch(UUID);
    expect(response.location).toBe(`/v1/deployments/${body.id}`);
    expect(body.links).toEqual([{ rel: 'self', href: `/v1/deployments/${body.id}` }]);
  });

  it('writes the notification to the outbox with the change, in OpenStack envelope', async () => {
    const { id } = await create();
    const [notification, ...others] = await outbox();
    expect(others).toEqual([]);
    expect(notification).toEqual({
      message_id: expect.stringMatching(UUID),
      event_type: 'deployment.create.start',
      publisher_id: 'deployer.test',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/),
      priority: 'INFO',
      payload: {
        deployment_id: id,
        name: 'blog',
        app: 'wordpress',
        size: 'small',
        count: 2,
        region: 'RegionOne',
        status: 'CREATE_IN_PROGRESS',
        status_reason: 'Stack CREATE started',
      },
    });
  });

  it('leaves neither the change nor the notification when the request rolls back', async () => {
    // The outbox refuses the insert: the request fails after the deployment was written.
    await sql`CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox is full'); END`.execute(
      deployer.db,
    );
    const response = await client.post('/v1/deployments', { json: blog });
    expect(response.status).toBe(500);
    expect(await deployer.db.selectFrom('deployments').select('id').execute()).toEqual([]);
    expect(await deployer.db.selectFrom('deployment_events').select('id').execute()).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it('names every invalid field in a 400', async () => {
    const response = await client.post('/v1/deployments', {
      json: { name: '', app: 'nope', size: 'huge', count: 99, region: 'Mars' },
    });
    expect(response.status).toBe(400);
    const body = response.json as { code: number; errors: Record<string, string> };
    expect(body.code).toBe(400);
    expect(Object.keys(body.errors).sort()).toEqual(['app', 'count', 'name', 'region', 'size']);
  });

  it('answers malformed JSON and a body that is not an object with 400, never 500', async () => {
    const malformed = await client.post('/v1/deployments', {
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ code: 400 });
    const list = await client.post('/v1/deployments', { json: [blog] });
    expect(list.status).toBe(400);
    expect(list.json).toMatchObject({ errors: { body: 'Send a JSON object.' } });
    const empty = await client.post('/v1/deployments');
    expect(empty.status).toBe(400);
  });

  it('refuses a second deployment with the same name: 409', async () => {
    await create();
    const response = await client.post('/v1/deployments', { json: blog });
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ code: 409, errors: { name: expect.any(String) } });
  });

  it('shows a deployment with its timeline once the lifecycle ended', async () => {
    const { id } = await create();
    await settle(deployer);
    const response = await client.get(`/v1/deployments/${id}`);
    const body = response.json as Record<string, any>;
    expect(body.status).toBe('CREATE_COMPLETE');
    expect(body.stackId).toEqual(expect.any(String));
    expect(body.events.map((e: any) => [e.eventType, e.status])).toEqual([
      ['deployment.create.start', 'CREATE_IN_PROGRESS'],
      ['deployment.create.end', 'CREATE_COMPLETE'],
    ]);
  });

  it('lists deployments newest first, filtered by status and app', async () => {
    const a = await create({ ...blog, name: 'a' });
    await settle(deployer);
    const b = await create({ ...blog, name: 'b', app: 'static-site' });
    const all = (await client.get('/v1/deployments')).json as { deployments: any[] };
    expect(all.deployments.map((d) => d.id)).toEqual([b.id, a.id]);
    const done = (await client.get('/v1/deployments?status=CREATE_COMPLETE')).json as any;
    expect(done.deployments.map((d: any) => d.id)).toEqual([a.id]);
    const either = (await client.get('/v1/deployments?status=CREATE_COMPLETE,CREATE_IN_PROGRESS'))
      .json as any;
    expect(either.deployments).toHaveLength(2);
    const repeated = (
      await client.get('/v1/deployments?status=CREATE_COMPLETE&status=CREATE_IN_PROGRESS')
    ).json as any;
    expect(repeated.deployments).toHaveLength(2);
    const sites = (await client.get('/v1/deployments?app=static-site')).json as any;
    expect(sites.deployments.map((d: any) => d.id)).toEqual([b.id]);
  });

  it('pages with limit and marker, linking to the next page', async () => {
    const ids = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) ids.push((await create({ ...blog, name })).id);
    const newest = ids.reverse();
    const seen: string[] = [];
    let next: string | undefined = '/v1/deployments?limit=2';
    while (next) {
      const page = (await client.get(next)).json as { deployments: any[]; links: any[] };
      expect(page.deployments.length).toBeLessThanOrEqual(2);
      seen.push(...page.deployments.map((d) => d.id));
      next = page.links.find((link) => link.rel === 'next')?.href;
    }
    expect(seen).toEqual(newest);
  });

  it('refuses bad list parameters with 400', async () => {
    for (const query of [
      'limit=0',
      'limit=abc',
      'limit=1000',
      'status=RUNNING',
      'app=nope',
      'marker=nope',
    ]) {
      const response = await client.get(`/v1/deployments?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.json, query).toMatchObject({ code: 400, errors: expect.any(Object) });
    }
  });

  it('scales, resizes and renames with PUT: 202 and an update lifecycle', async () => {
    const { id } = await create();
    await settle(deployer);
    const response = await client.put(`/v1/deployments/${id}`, {
      json: { count: 5, size: 'large', name: 'blog-xl' },
    });
    expect(response.status).toBe(202);
    expect(response.location).toBe(`/v1/deployments/${id}`);
    expect(response.json).toMatchObject({
      status: 'UPDATE_IN_PROGRESS',
      count: 5,
      size: 'large',
      name: 'blog-xl',
    });
    await settle(deployer);
    expect((await client.get(`/v1/deployments/${id}`)).json).toMatchObject({
      status: 'UPDATE_COMPLETE',
    });
    expect((await outbox()).map((n) => n.event_type)).toEqual([
      'deployment.create.start',
      'deployment.create.end',
      'deployment.update.start',
      'deployment.update.end',
    ]);
  });

  it('refuses to update or delete a deployment whose lifecycle is in progress: 409', async () => {
    const { id } = await create();
    const update = await client.put(`/v1/deployments/${id}`, { json: { count: 3 } });
    expect(update.status).toBe(409);
    expect(update.json).toMatchObject({ description: expect.stringMatching(/CREATE_IN_PROGRESS/) });
    expect((await client.delete(`/v1/deployments/${id}`)).status).toBe(409);
  });

  it('checks an update: 400 for invalid fields, 404 for an unknown id, 409 for a taken name', async () => {
    const { id } = await create();
    await create({ ...blog, name: 'other' });
    await settle(deployer);
    const invalid = await client.put(`/v1/deployments/${id}`, { json: { count: 0, app: 'x' } });
    expect(invalid.status).toBe(400);
    expect(Object.keys((invalid.json as any).errors).sort()).toEqual(['app', 'count']);
    expect((await client.put('/v1/deployments/nope', { json: { count: 2 } })).status).toBe(404);
    const taken = await client.put(`/v1/deployments/${id}`, { json: { name: 'other' } });
    expect(taken.status).toBe(409);
  });

  it('tears down with DELETE: 202, then gone from the list but still readable', async () => {
    const { id } = await create();
    await settle(deployer);
    const response = await client.delete(`/v1/deployments/${id}`);
    expect(response.status).toBe(202);
    expect(response.json).toMatchObject({ status: 'DELETE_IN_PROGRESS' });
    await settle(deployer);
    expect((await client.get(`/v1/deployments/${id}`)).json).toMatchObject({
      status: 'DELETE_COMPLETE',
    });
    expect(((await client.get('/v1/deployments')).json as any).deployments).toEqual([]);
    expect((await client.delete(`/v1/deployments/${id}`)).status).toBe(409);
    expect((await client.delete('/v1/deployments/nope')).status).toBe(404);
    // The name is free again.
    await create();
  });
});

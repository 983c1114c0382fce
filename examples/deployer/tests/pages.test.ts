import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Deployer } from '../deployer.js';
import { settle, startTestDeployer } from './support.js';

const form = { app: 'wordpress', name: 'blog', size: 'medium', count: '2', region: 'RegionTwo' };

/** The element with this id, as HTML (enough to read its attributes). */
function tag(html: string, id: string): string {
  const match = new RegExp(`<[a-z]+\\s[^>]*id="${id}"[^>]*>`, 's').exec(html);
  if (!match) throw new Error(`no element #${id}`);
  return match[0];
}

describeAdapters('deployer GUI', ({ client: clientFor }) => {
  let deployer: Deployer;
  let client: Client;
  beforeEach(async () => {
    const started = await startTestDeployer();
    deployer = started.deployer;
    client = await clientFor(started.app);
  });
  afterEach(() => deployer.stop());

  async function deploy(fields: Record<string, string> = form): Promise<string> {
    const response = await client.post('/deployments', { form: fields });
    expect(response.status).toBe(303);
    return response.location!.split('/').pop()!;
  }

  it('shows the catalogue, the deploy form and the list on the dashboard', async () => {
    const response = await client.get('/');
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/html/);
    const html = response.text;
    expect(html).toContain('<form id="deploy-form" method="post" action="/deployments"');
    for (const name of ['app', 'name', 'size', 'count', 'region'])
      expect(html).toMatch(new RegExp(`<label for="${name}">[\\s\\S]*?name="${name}"`));
    expect(html).toContain('data-app-id="three-tier"');
    expect(html).toContain('<table id="deployments"');
    expect(html).toContain('<a href="http://127.0.0.1:8081/" id="alarms-link">Alarms</a>');
  });

  it('creates from a plain form POST and redirects to the new deployment (303)', async () => {
    const response = await client.post('/deployments', { form });
    expect(response.status).toBe(303);
    expect(response.location).toMatch(/^\/deployments\/[0-9a-f-]{36}$/);
    const page = await client.get(response.location!);
    expect(page.text).toContain('<h1 data-field="name">blog</h1>');
    expect(page.text).toContain('data-status="CREATE_IN_PROGRESS"');
    expect(page.text).toContain('deployment.create.start');
    const list = await client.get('/');
    expect(list.text).toMatch(/<tr data-deployment-id="[0-9a-f-]{36}">/);
    expect(list.text).toMatch(/<td[^>]*data-status="CREATE_IN_PROGRESS"/);
  });

  it('re-renders the form with 400, each error next to its field, the values kept', async () => {
    const response = await client.post('/deployments', {
      form: { ...form, name: '9 lives', count: '0' },
    });
    expect(response.status).toBe(400);
    const html = response.text;
    expect(tag(html, 'name')).toContain('aria-invalid="true"');
    expect(tag(html, 'name')).toContain('aria-describedby="name-error"');
    expect(tag(html, 'name')).toContain('value="9 lives"');
    expect(tag(html, 'count')).toContain('aria-invalid="true"');
    expect(tag(html, 'size')).toContain('aria-invalid="false"');
    expect(html).toMatch(/<p class="field-error" id="name-error">A name starts with a letter/);
    expect(html).toMatch(/<p class="field-error" id="count-error">The instance count/);
    expect(html).toContain('<option value="medium" selected>');
    expect(html).toContain('role="alert"');
    expect(await deployer.db.selectFrom('deployments').select('id').execute()).toEqual([]);
  });

  it('answers a taken name with 409 and the error next to the name field', async () => {
    await deploy();
    const response = await client.post('/deployments', { form });
    expect(response.status).toBe(409);
    expect(response.text).toMatch(/<p class="field-error" id="name-error">A deployment named blog/);
  });

  it('scales through the _method=put form, without JavaScript', async () => {
    const id = await deploy();
    await settle(deployer);
    const page = await client.get(`/deployments/${id}`);
    expect(page.text).toContain('<input type="hidden" name="_method" value="put" />');
    const response = await client.post(`/deployments/${id}`, {
      form: { _method: 'put', name: 'blog', size: 'large', count: '4' },
    });
    expect(response.status).toBe(303);
    expect(response.location).toBe(`/deployments/${id}`);
    const row = await deployer.db.selectFrom('deployments').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'UPDATE_IN_PROGRESS', size: 'large', count: 4 });
  });

  it('shows a scale error next to its field with 400, and a conflict with 409', async () => {
    const id = await deploy();
    const conflict = await client.post(`/deployments/${id}`, {
      form: { _method: 'put', name: 'blog', size: 'small', count: '3' },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.text).toMatch(
      /role="alert">Cannot update blog: the deployment is CREATE_IN_PROGRESS/,
    );
    await settle(deployer);
    const invalid = await client.post(`/deployments/${id}`, {
      form: { _method: 'put', name: 'blog', size: 'small', count: '50' },
    });
    expect(invalid.status).toBe(400);
    expect(tag(invalid.text, 'count')).toContain('aria-invalid="true"');
    expect(invalid.text).toMatch(/id="count-error">The instance count/);
  });

  it('tears down through the _method=delete form', async () => {
    const id = await deploy();
    await settle(deployer);
    const response = await client.post(`/deployments/${id}`, { form: { _method: 'delete' } });
    expect(response.status).toBe(303);
    const row = await deployer.db.selectFrom('deployments').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('DELETE_IN_PROGRESS');
  });

  it('answers an unknown deployment with the 404 page', async () => {
    const response = await client.get('/deployments/nope');
    expect(response.status).toBe(404);
    expect(response.text).toContain('Error 404');
    expect(response.text).toContain('No deployment nope');
  });

  it('serves its stylesheet and script', async () => {
    const css = await client.get('/css/style.css');
    expect(css.status).toBe(200);
    expect(css.contentType).toMatch(/^text\/css/);
    const js = await client.get('/js/live.js');
    expect(js.status).toBe(200);
    expect(js.text).toContain("new EventSource('/v1/deployments/events");
  });
});

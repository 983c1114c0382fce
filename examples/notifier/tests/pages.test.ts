import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

const html = { accept: 'text/html' };

describeAdapters('web pages', ({ client: clientFor }) => {
  let notifier: Notifier;
  let client: Client;
  beforeEach(async () => {
    notifier = await startNotifier();
    client = await clientFor(notifier.app);
    await client.post('/v1/notifications', {
      json: lifecycle('deployment.create.error', { id: 'd-1', name: 'web<shop>' }),
    });
    await client.post('/v1/notifications', {
      json: lifecycle('deployment.create.end', { id: 'd-2', name: 'blog' }),
    });
  });
  afterEach(() => notifier.close());

  /** The rows of the alarms table: id, severity, state, deployment name. */
  function rows(page: string) {
    const table = /<table\s+id="alarms"[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    return [
      ...table.matchAll(
        /<tr data-alarm-id="(\d+)" data-severity="(\w+)" data-state="(\w+)">([\s\S]*?)<\/tr>/g,
      ),
    ].map(([, id, severity, state, cells]) => ({
      id: Number(id),
      severity,
      state,
      deployment: /data-field="deployment"[^>]*>([^<]*)</.exec(cells!)?.[1]?.trim(),
      acknowledge: /data-field="acknowledge"/.test(cells!),
    }));
  }

  it('lists the alarms, newest first, with stable selectors', async () => {
    const page = await client.get('/', { headers: html });
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(rows(page.text)).toEqual([
      { id: 2, severity: 'low', state: 'alarm', deployment: 'blog', acknowledge: true },
      // The name is escaped, shown as text.
      {
        id: 1,
        severity: 'critical',
        state: 'alarm',
        deployment: 'web&lt;shop&gt;',
        acknowledge: true,
      },
    ]);
    expect(page.text).toContain('<script src="/js/alarms.js" defer></script>');
    expect(page.text).toMatch(/<template id="alarm-row">\s*<tr data-alarm-id="0"/);
  });

  it('filters the list from the query string, and says so', async () => {
    const page = await client.get('/?severity=critical', { headers: html });
    expect(rows(page.text).map((r) => r.id)).toEqual([1]);
    expect(page.text).toContain('data-severity-filter="critical"');
    expect(page.text).toMatch(/<option selected>critical<\/option>/);
    const none = await client.get('/?state=ok', { headers: html });
    expect(rows(none.text)).toEqual([]);
    expect(none.text).toMatch(/<p id="no-alarms">No alarms match these filters.<\/p>/);
  });

  it('answers 400 to a bad filter', async () => {
    expect((await client.get('/?state=open', { headers: html })).status).toBe(400);
  });

  it('acknowledges without JavaScript: a form POST with _method=PUT, 303 back', async () => {
    const response = await client.post('/alarms/1', {
      form: { _method: 'PUT', state: 'acknowledged', back: '/?severity=critical' },
      headers: html,
    });
    expect(response.status).toBe(303);
    expect(response.location).toBe('/?severity=critical');
    const page = await client.get(response.location!, { headers: html });
    expect(rows(page.text)).toEqual([
      {
        id: 1,
        severity: 'critical',
        state: 'acknowledged',
        deployment: 'web&lt;shop&gt;',
        acknowledge: false,
      },
    ]);
  });

  it("goes back to the alarm's page when the form names no safe place", async () => {
    for (const back of [undefined, '//evil.example/', 'https://evil.example/', '/\\evil']) {
      const response = await client.post('/alarms/2', {
        form: { _method: 'PUT', state: 'ok', ...(back === undefined ? {} : { back }) },
      });
      expect(response.status).toBe(303);
      expect(response.location).toBe('/alarms/2');
    }
  });

  it('answers 409 to a form that makes no sense, and 400 to a bad state', async () => {
    await client.post('/alarms/1', { form: { _method: 'PUT', state: 'ok' } });
    const late = await client.post('/alarms/1', {
      form: { _method: 'PUT', state: 'acknowledged' },
      headers: html,
    });
    expect(late.status).toBe(409);
    expect(late.text).toContain('cannot become acknowledged');
    const bad = await client.post('/alarms/1', { form: { _method: 'PUT', state: 'gone' } });
    expect(bad.status).toBe(400);
    const unknown = await client.post('/alarms/9', { form: { _method: 'PUT', state: 'ok' } });
    expect(unknown.status).toBe(404);
  });

  it("shows an alarm's page with its history and buttons", async () => {
    await client.put('/v1/alarms/1', { json: { state: 'acknowledged' } });
    const page = await client.get('/alarms/1', { headers: html });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<h1>Alarm #1: deployment-failed<\/h1>/);
    expect(page.text).toMatch(
      /data-alarm-id="1"\s+data-severity="critical"\s+data-state="acknowledged"/,
    );
    expect(page.text).toContain('deployment.create.error matched deployment.*.error');
    expect(page.text).toContain('alarm → acknowledged');
    expect(page.text).toContain('Stack failed: quota exceeded');
    // Acknowledged already: only Resolve is left.
    expect(page.text).not.toMatch(/<button type="submit">Acknowledge<\/button>/);
    expect(page.text).toMatch(/<button type="submit">Resolve<\/button>/);
    expect((await client.get('/alarms/99', { headers: html })).status).toBe(404);
  });

  it('lists the definitions', async () => {
    const page = await client.get('/definitions', { headers: html });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<table id="definitions">/);
    expect(page.text).toContain('<code>deployment.*.error</code>');
    expect(page.text).toContain('email: operator@example.test');
  });

  it('serves its error page for an unknown URL, and its static files', async () => {
    const missing = await client.get('/no/such/page', { headers: html });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Error 404: Not Found');
    const css = await client.get('/css/style.css');
    expect(css.status).toBe(200);
    expect(css.contentType).toMatch(/^text\/css/);
    const js = await client.get('/js/alarms.js');
    expect(js.contentType).toMatch(/javascript/);
  });
});

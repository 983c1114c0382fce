import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

describeAdapters('API errors', ({ client: clientFor }) => {
  let notifier: Notifier;
  let client: Client;
  beforeEach(async () => {
    notifier = await startNotifier();
    client = await clientFor(notifier.app);
  });
  afterEach(() => notifier.close());

  it('has an index at /v1/ whose links all answer', async () => {
    const index = await client.get('/v1/');
    expect(index.status).toBe(200);
    const links = (index.json as { links: { rel: string; href: string }[] }).links;
    expect(links.map((link) => link.rel)).toContain('alarms');
    for (const { href } of links.filter((link) => !link.href.endsWith('/events')))
      expect((await client.get(href)).status, href).not.toBe(404);
  });

  it('leave redirects alone: /v1 goes to /v1/ with its Location', async () => {
    const response = await client.get('/v1?x=1');
    expect(response.status).toBe(302);
    expect(response.location).toBe('http://localhost/v1/?x=1');
  });

  it('are JSON without any Accept header: an unknown alarm', async () => {
    const response = await client.get('/v1/alarms/99');
    expect(response.status).toBe(404);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(response.json).toEqual({ code: 404, title: 'Not Found', description: 'Not Found' });
  });

  it('are JSON for an unknown API path, whatever the client prefers', async () => {
    const response = await client.get('/v1/nothing/here', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ code: 404 });
  });

  it('are JSON for a conflict, with its description', async () => {
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.error') });
    await client.put('/v1/alarms/1', { json: { state: 'ok' } });
    const response = await client.put('/v1/alarms/1', { json: { state: 'acknowledged' } });
    expect(response.status).toBe(409);
    expect(response.json).toEqual({
      code: 409,
      title: 'Conflict',
      description: 'the alarm is resolved (ok); it cannot become acknowledged',
    });
  });

  it('are JSON for a method not allowed, keeping Allow', async () => {
    const response = await client.delete('/v1/alarms/1');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PUT');
    expect(response.json).toMatchObject({ code: 405 });
  });

  it('are JSON for an unsupported media type', async () => {
    const response = await client.post('/v1/notifications', { body: 'x' });
    expect(response.status).toBe(415);
    expect(response.json).toMatchObject({
      code: 415,
      description: 'Send the body as application/json.',
    });
  });

  it('leave the web pages their HTML error page', async () => {
    const response = await client.get('/alarms/99');
    expect(response.status).toBe(404);
    expect(response.contentType).toMatch(/^text\/html/);
    expect(response.text).toContain('Error 404: Not Found');
  });
});

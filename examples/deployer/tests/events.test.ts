import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployer } from '../deployer.js';
import { settle, startTestDeployer } from './support.js';

/** Reads a stream until `done` says what it read is enough (or 5 s pass). */
async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5000;
  while (!done(text) && Date.now() < deadline) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe('GET /v1/deployments/events', () => {
  let deployer: Deployer;
  let app: Awaited<ReturnType<typeof startTestDeployer>>['app'];
  beforeEach(async () => {
    ({ deployer, app } = await startTestDeployer({ feedMs: 20 }));
  });
  afterEach(() => deployer.stop());

  const post = (name: string) =>
    app.fetch(
      new Request('http://x/v1/deployments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, app: 'static-site', size: 'small', count: 1 }),
      }),
    );

  it('streams each timeline event with the deployment as it is now', async () => {
    // What a browser's EventSource sends.
    const response = await app.fetch(
      new Request('http://x/v1/deployments/events', { headers: { accept: 'text/event-stream' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    setTimeout(() => void post('site'), 100); // after the stream has learned where "now" is
    const text = await readUntil(response.body!, (t) => t.includes('event: deployment'));
    const frame = /id: (\d+)\nevent: deployment\ndata: (.*)\n\n/.exec(text);
    expect(frame).not.toBeNull();
    const data = JSON.parse(frame![2]!) as { deployment: any; event: any };
    expect(data.deployment).toMatchObject({ name: 'site', status: 'CREATE_IN_PROGRESS' });
    expect(data.event).toMatchObject({
      id: Number(frame![1]),
      eventType: 'deployment.create.start',
      status: 'CREATE_IN_PROGRESS',
    });
  });

  it('replays the events after ?since= (or Last-Event-ID), so a page misses nothing', async () => {
    await post('one');
    await settle(deployer);
    const response = await app.fetch(new Request('http://x/v1/deployments/events?since=1'));
    const text = await readUntil(response.body!, (t) => t.includes('id: 2'));
    expect(text).not.toContain('id: 1\n');
    expect(text).toContain('"eventType":"deployment.create.end"');
  });

  it('ends the stream when the service stops', async () => {
    const response = await app.fetch(new Request('http://x/v1/deployments/events'));
    const reading = readUntil(response.body!, () => false);
    setTimeout(() => void deployer.stop(), 50);
    const started = Date.now();
    await reading;
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

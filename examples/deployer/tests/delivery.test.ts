/**
 * The whole path inside the deployer, with its workers running: a request commits a lifecycle,
 * the reconciler finishes it on the simulated cloud, and the outbox dispatcher sends each
 * notification over the http transport to a stand-in for the notifier.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expose, makeApp, request, response } from 'pecan';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployer } from '../deployer.js';
import { startTestDeployer } from './support.js';

/** Records what it is sent; answers 503 while `down`. */
class Receiver {
  down = false;
  readonly received: any[] = [];
  refused = 0;

  @expose('json') notifications() {
    if (this.down) {
      this.refused++;
      response.status = 503;
      return { code: 503 };
    }
    this.received.push(request.json);
    response.status = 202;
    return { accepted: true };
  }
}

async function until(what: string, check: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('notification delivery', () => {
  let receiver: Receiver;
  let server: http.Server;
  let deployer: Deployer;
  let app: Awaited<ReturnType<typeof startTestDeployer>>['app'];

  beforeEach(async () => {
    receiver = new Receiver();
    server = http.createServer(makeApp({ v1: receiver }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    ({ deployer, app } = await startTestDeployer({
      transport: { kind: 'http', url: `http://127.0.0.1:${port}/v1/notifications` },
      driver: { kind: 'simulated', delays: { base: 50, perInstance: 0, delete: 50 } },
      reconciler: { checkMs: 20, pollMs: 200 },
      outbox: { pollMs: 100 },
    }));
    deployer.reconciler.start();
    deployer.dispatcher.start();
  });
  afterEach(async () => {
    await deployer.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const deploy = () =>
    app.fetch(
      new Request('http://x/v1/deployments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'site', app: 'static-site', size: 'small', count: 1 }),
      }),
    );

  it('sends the start and end of a lifecycle, in order, and empties the outbox', async () => {
    const { id } = (await (await deploy()).json()) as { id: string };
    await until('two notifications', () => receiver.received.length >= 2);
    expect(receiver.received.map((n) => [n.event_type, n.payload.deployment_id])).toEqual([
      ['deployment.create.start', id],
      ['deployment.create.end', id],
    ]);
    expect(receiver.received[0].publisher_id).toBe('deployer.test');
    await until('the outbox to empty', () => deployer.dispatcher.stats.delivered === 2);
    expect(await deployer.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('keeps notifications while the notifier is down and delivers them once it is back', async () => {
    receiver.down = true;
    await deploy();
    await until('a refused delivery', () => receiver.refused >= 1);
    expect(receiver.received).toEqual([]);
    receiver.down = false;
    await until('both notifications', () => receiver.received.length >= 2);
    expect(receiver.received.map((n) => n.event_type)).toEqual([
      'deployment.create.start',
      'deployment.create.end',
    ]);
  });
});

/**
 * Admission control of the API's writes (write-gate.ts): a write that cannot get its turn in
 * time is answered 503 with a Retry-After and writes nothing; one that is accepted is committed
 * and completes; reads and the reconciler go on while writes are refused or pile up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PecanApp } from 'pecan';
import { afterEach, expect, it } from 'vitest';
import { describeAdapters, type AdapterName, type Client } from '../../../test/support/adapters.js';
import type { Deployer } from '../deployer.js';
import type { DeployerSettings } from '../settings.js';
import { settle, startTestDeployer } from './support.js';

const site = (name: string) => ({ name, app: 'static-site', size: 'small', count: 1 });

// Padded past 16 KiB with JSON whitespace: the Node adapter reads a smaller body before routing
// (src/adapters/read-ahead.ts), and this body must reach routing before it is complete.
const HEAD = `{"name":"slow",${' '.repeat(17 * 1024)}`;
const TAIL = '"app":"static-site","size":"small","count":1}';

/**
 * A POST whose body arrives in two parts, the second only when `finish()` is called: through a
 * socket of the Node listener, or as a stream to `app.fetch`.
 */
async function slowPost(app: PecanApp, adapter: AdapterName) {
  if (adapter === 'fetch') {
    let finish!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(HEAD));
        finish = () => {
          controller.enqueue(new TextEncoder().encode(TAIL));
          controller.close();
        };
      },
    });
    const response = app.fetch(
      new Request('http://localhost/v1/deployments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    return { finish, status: response.then((r) => r.status) };
  }
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const req = http.request({
    host: '127.0.0.1',
    port,
    path: '/v1/deployments',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': HEAD.length + TAIL.length },
    agent: false,
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  }).finally(() => {
    server.closeAllConnections();
    server.close();
  });
  req.write(HEAD);
  return { finish: () => req.end(TAIL), status };
}

describeAdapters('deployer admission control', ({ adapter, client: clientFor }) => {
  let deployer: Deployer | undefined;
  let app: PecanApp;
  afterEach(async () => {
    await deployer?.stop();
    deployer = undefined;
  });

  async function start(admission: DeployerSettings['admission']): Promise<Client> {
    const started = await startTestDeployer({
      admission: { maxEventLoopDelayMs: 0, ...admission },
    });
    deployer = started.deployer;
    app = started.app;
    return clientFor(started.app);
  }

  async function count(): Promise<number> {
    const row = await deployer!.db
      .selectFrom('deployments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('answers 503 with Retry-After and a JSON error when the write queue is full', async () => {
    const client = await start({ maxQueue: 0, retryAfterSec: 3 });
    // Another request's write holds the one slot (SQLite: one writer at a time).
    const held = await deployer!.gate.acquire();
    try {
      const response = await client.post('/v1/deployments', { json: site('refused') });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('3');
      expect(response.contentType).toMatch(/^application\/json/);
      expect(response.json).toEqual({
        code: 503,
        title: 'Service Unavailable',
        description: 'Too many writes are waiting; try again shortly.',
      });
      // Refused before its transaction began: nothing of it was written.
      expect(await count()).toBe(0);
      expect(await deployer!.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    } finally {
      held();
    }
    expect(deployer!.gate.stats.refusedFull).toBe(1);
  });

  it('answers 503 to a write that waited past maxWaitMs, then accepts once the slot frees', async () => {
    const client = await start({ maxWaitMs: 30, maxQueue: 10 });
    const held = await deployer!.gate.acquire();
    let response;
    try {
      response = await client.post('/v1/deployments', { json: site('late') });
    } finally {
      held();
    }
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((response.json as { description: string }).description).toMatch(/within 30 ms/);
    expect(deployer!.gate.stats.refusedTimeout).toBe(1);
    // The same request again, now that nothing holds the slot: accepted and committed.
    const accepted = await client.post('/v1/deployments', { json: site('late') });
    expect(accepted.status).toBe(202);
    expect(await count()).toBe(1);
  });

  it('keeps answering reads while writes are refused', async () => {
    const client = await start({ maxQueue: 0 });
    expect((await client.post('/v1/deployments', { json: site('first') })).status).toBe(202);
    const held = await deployer!.gate.acquire();
    try {
      expect((await client.post('/v1/deployments', { json: site('second') })).status).toBe(503);
      const list = await client.get('/v1/deployments');
      expect(list.status).toBe(200);
      const names = (list.json as { deployments: { name: string }[] }).deployments.map(
        (d) => d.name,
      );
      expect(names).toEqual(['first']);
    } finally {
      held();
    }
  });

  it('commits every accepted deployment and completes it; refused ones leave nothing', async () => {
    const client = await start({ maxQueue: 3, maxWaitMs: 5000 });
    // Twelve writes at once against one slot and a queue of three: some are refused.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => client.post('/v1/deployments', { json: site(`d${i}`) })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((status) => status === 202 || status === 503)).toBe(true);
    const accepted = answers.filter((a) => a.status === 202).map((a) => (a.json as any).id);
    expect(accepted.length).toBeGreaterThan(0);
    // A 202 means committed: exactly the accepted ones are in the database.
    const rows = await deployer!.db.selectFrom('deployments').select(['id', 'status']).execute();
    expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
    await settle(deployer!);
    const done = await deployer!.db.selectFrom('deployments').select('status').execute();
    expect(done.map((r) => r.status)).toEqual(accepted.map(() => 'CREATE_COMPLETE'));
  });

  it('a write does not hold the database while its body is still arriving', async () => {
    const client = await start({ maxWaitMs: 2000 });
    // A body that has not arrived: before the fix, its transaction held SQLite's one
    // connection from routing on, and every other query of the process waited for it.
    const slow = await slowPost(app, adapter);
    // Meanwhile another write and a read go through at once.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await client.post('/v1/deployments', { json: site('quick') })).status).toBe(202);
    expect((await client.get('/v1/deployments')).status).toBe(200);
    expect(deployer!.gate.active).toBe(0);
    slow.finish();
    expect(await slow.status).toBe(202);
    expect(await count()).toBe(2);
  });

  it('the reconciler completes lifecycles while the API keeps writing', async () => {
    const client = await start({ maxWaitMs: 5000 });
    deployer!.reconciler.start();
    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.post('/v1/deployments', { json: site(`a${i}`) })),
    );
    const ids = first.map((r) => (r.json as { id: string }).id);
    const complete = async () =>
      (
        await deployer!.db
          .selectFrom('deployments')
          .select('id')
          .where('id', 'in', ids)
          .where('status', '=', 'CREATE_COMPLETE')
          .execute()
      ).length;
    // Waves of writes and reads, as long as the first deployments are not done (at most 50).
    let waves = 0;
    while ((await complete()) < ids.length && waves < 50) {
      waves++;
      const answers = await Promise.all([
        ...Array.from({ length: 10 }, (_, i) =>
          client.post('/v1/deployments', { json: site(`w${waves}-${i}`) }),
        ),
        client.get('/v1/deployments'),
      ]);
      expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(202), 200]);
    }
    // Done while the load went on, not after it stopped.
    expect(await complete()).toBe(ids.length);
    expect(waves).toBeLessThan(50);
  });
});

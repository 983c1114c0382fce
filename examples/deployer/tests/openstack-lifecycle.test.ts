/**
 * The deployer on the fake Keystone + Heat with the test templates, as issue 17 runs it on a
 * real Heat: outputs carried to the API and the page, Heat's reason for a CREATE_FAILED carried
 * to the deployment, its event and its notification, and Heat going away mid-lifecycle.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Deployer } from '../deployer.js';
import { wordpressTest } from '../domain/hot/test/wordpress.js';
import { FakeOpenStack } from './fake-openstack.js';
import { startTestDeployer } from './support.js';

const blog = { name: 'blog', app: 'wordpress', size: 'small', count: 2 };

describeAdapters(
  'the deployer on a fake Heat, with the test templates',
  ({ client: clientFor }) => {
    let cloud: FakeOpenStack;
    let deployer: Deployer;
    let client: Client;
    beforeEach(async () => {
      cloud = await new FakeOpenStack().start();
      cloud.compute = false; // what issue 17's cloud has: Keystone and Heat, nothing else
      cloud.secondMs = 40; // a test resource's `wait_secs: 1` lasts 40 ms here
      const started = await startTestDeployer({
        driver: { kind: 'openstack', authUrl: `${cloud.url}/identity/v3`, ...cloud.settings },
        templates: { kind: 'test', waitSecs: 1 },
      });
      deployer = started.deployer;
      client = await clientFor(started.app);
    });
    afterEach(async () => {
      await deployer.stop();
      await cloud.stop();
    });

    async function create(body: Record<string, unknown> = blog): Promise<string> {
      const response = await client.post('/v1/deployments', { json: body });
      expect(response.status).toBe(202);
      return (response.json as { id: string }).id;
    }

    async function detail(id: string) {
      return (await client.get(`/v1/deployments/${id}`)).json as Record<string, any>;
    }

    /** Runs the reconciler until nothing is in progress; a due retry is made due now. */
    async function settle(): Promise<void> {
      for (let pass = 0; pass < 200; pass++) {
        await deployer.db
          .updateTable('deployments')
          .set({ next_check_at: 0 })
          .where('next_check_at', 'is not', null)
          .execute();
        if ((await deployer.reconciler.runDue()) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('lifecycles still in progress after 200 passes');
    }

    async function notifications() {
      const rows = await deployer.db.selectFrom('outbox').select('body').orderBy('id').execute();
      return rows.map((row) => JSON.parse(row.body) as Record<string, any>);
    }

    it('creates the stack from the test template and shows its outputs', async () => {
      const apps = (await client.get('/v1/apps')).json as { templateSet: string; apps: any[] };
      expect(apps.templateSet).toBe('test');
      expect(apps.apps[1].template).toEqual(wordpressTest);

      const id = await create();
      await settle();
      expect(cloud.stacks).toHaveLength(1);
      expect(cloud.stacks[0]!.template).toEqual(wordpressTest);
      expect(cloud.stacks[0]!.parameters).toEqual({ flavor: 'm1.small', count: 2, wait_secs: 1 });

      const deployment = await detail(id);
      expect(deployment).toMatchObject({
        status: 'CREATE_COMPLETE',
        lastError: null,
        retryAt: null,
      });
      expect(deployment.outputs).toEqual([
        {
          key: 'url',
          value: `http://deployer-${id}.example.test/`,
          description: 'The blog, on the first web server',
          secret: false,
          error: null,
        },
        {
          key: 'admin_password',
          value: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
          description: 'The password of the WordPress user admin',
          secret: true,
          error: null,
        },
        {
          key: 'servers',
          value: [
            'wordpress-0 (m1.small, ubuntu-22.04 on private): My blog',
            'wordpress-1 (m1.small, ubuntu-22.04 on private): My blog',
          ],
          description: 'The web servers',
          secret: false,
          error: null,
        },
      ]);
      // Lists and event streams leave the outputs (a password) out, as Heat's stack list does.
      const list = (await client.get('/v1/deployments')).json as { deployments: any[] };
      expect(list.deployments[0]).not.toHaveProperty('outputs');

      // The page shows the URL as a link and keeps the password folded until asked.
      const page = (await client.get(`/deployments/${id}`)).text;
      const password = deployment.outputs[1].value as string;
      expect(page).toContain(`<a href="http://deployer-${id}.example.test/">`);
      expect(page).toMatch(
        new RegExp(
          `<details class="secret">\\s*<summary>Show admin password</summary>\\s*<code class="secret-value">${password}</code>`,
        ),
      );

      // A rescale keeps the generated password: Heat leaves an unchanged RandomString alone.
      expect((await client.put(`/v1/deployments/${id}`, { json: { count: 3 } })).status).toBe(202);
      await settle();
      const scaled = await detail(id);
      expect(scaled.status).toBe('UPDATE_COMPLETE');
      expect(scaled.outputs[1].value).toBe(password);
      expect(scaled.outputs[2].value).toHaveLength(3);

      expect((await client.delete(`/v1/deployments/${id}`)).status).toBe(202);
      await settle();
      expect(await detail(id)).toMatchObject({ status: 'DELETE_COMPLETE', outputs: [] });
    });

    it('carries Heat’s reason for a CREATE_FAILED to the status, the event and the notification', async () => {
      const id = await create({ ...blog, params: { simulate_failure: true } });
      await settle();
      const reason =
        'Resource CREATE failed: ValueError: resources.web_servers.resources[0]: Test Resource failed 0';
      const deployment = await detail(id);
      expect(deployment).toMatchObject({ status: 'CREATE_FAILED', statusReason: reason });
      expect(deployment.events.at(-1)).toMatchObject({
        eventType: 'deployment.create.error',
        status: 'CREATE_FAILED',
        statusReason: reason,
      });
      expect((await notifications()).at(-1)).toMatchObject({
        event_type: 'deployment.create.error',
        priority: 'ERROR',
        payload: { deployment_id: id, status: 'CREATE_FAILED', status_reason: reason },
      });
      // Heat resolves what it can of a failed stack: the password exists, the servers do not.
      expect(deployment.outputs.map((o: any) => [o.key, o.value === null])).toEqual([
        ['url', false],
        ['admin_password', false],
        ['servers', false],
      ]);
      expect(deployment.outputs[2].value).toEqual([null, null]);
      // The page lists the servers that are not there as such.
      const page = (await client.get(`/deployments/${id}`)).text;
      expect(page.match(/<li><span class="muted">not available<\/span><\/li>/g)).toHaveLength(2);
    });

    it('refuses the nova templates on a cloud without compute, with Heat’s message', async () => {
      await deployer.stop();
      const started = await startTestDeployer({
        driver: { kind: 'openstack', authUrl: `${cloud.url}/identity/v3`, ...cloud.settings },
        templates: 'nova',
      });
      deployer = started.deployer;
      client = await clientFor(started.app);
      const id = await create();
      await settle();
      expect(await detail(id)).toMatchObject({
        status: 'CREATE_FAILED',
        statusReason: expect.stringMatching(
          /^Heat POST \/stacks: 400 ResourceTypeUnavailable: resources\.db_server: HEAT-E99001 Service nova is not available for resource type OS::Nova::Server/,
        ),
      });
    });

    it('waits out Heat going away mid-lifecycle, says why, and finishes each deployment once', async () => {
      cloud.secondMs = 200;
      const ids = [await create({ ...blog, name: 'one' }), await create({ ...blog, name: 'two' })];
      await deployer.reconciler.runDue(); // both stacks are being created on Heat
      expect(cloud.stacks.map((s) => s.status)).toEqual([
        'CREATE_IN_PROGRESS',
        'CREATE_IN_PROGRESS',
      ]);

      const port = Number(new URL(cloud.url).port);
      await cloud.stop();
      ids.push(await create({ ...blog, name: 'three' })); // made while Heat is away
      for (let pass = 0; pass < 2; pass++) {
        await deployer.db.updateTable('deployments').set({ next_check_at: 0 }).execute();
        await deployer.reconciler.runDue();
      }
      for (const id of ids) {
        const waiting = await detail(id);
        expect(waiting).toMatchObject({
          status: 'CREATE_IN_PROGRESS',
          attempts: 2, // each retry counted
          lastError: expect.stringMatching(
            new RegExp(
              `^orchestration at http://127\\.0\\.0\\.1:${port}/heat/v1/.+ is unreachable: connect ECONNREFUSED`,
            ),
          ),
        });
        expect(Date.parse(waiting.retryAt)).toBeGreaterThan(Date.now());
      }
      const page = (await client.get(`/deployments/${ids[0]}`)).text;
      expect(page).toMatch(
        /Waiting for the cloud \(attempt 2 failed\): orchestration at .* is unreachable/,
      );
      expect(page).toMatch(/next try at <time datetime="[^"]+">\d\d:\d\d:\d\d UTC<\/time>/);

      await cloud.start(port); // Heat is back, its stacks as it left them
      await settle();
      for (const id of ids)
        expect(await detail(id)).toMatchObject({
          status: 'CREATE_COMPLETE',
          lastError: null,
          attempts: 0,
          retryAt: null,
        });
      // Nothing lost, nothing twice: one stack per deployment, one start and one end each.
      expect(cloud.stacks.map((s) => s.name).sort()).toEqual(
        ids.map((id) => `deployer-${id}`).sort(),
      );
      expect(cloud.calls.filter((c) => c.method === 'POST' && c.status === 201)).toHaveLength(3);
      const types = (await notifications()).map((n) => `${n.payload.name} ${n.event_type}`);
      expect(types.sort()).toEqual(
        ['one', 'two', 'three']
          .flatMap((name) => [`${name} deployment.create.end`, `${name} deployment.create.start`])
          .sort(),
      );
      expect((await client.get(`/deployments/${ids[0]}`)).text).toContain(
        '<p class="retrying" id="retrying" data-field="lastError" role="status"></p>',
      );
    });
  },
);

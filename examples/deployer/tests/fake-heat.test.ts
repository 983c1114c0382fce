/**
 * The fake Heat answers as the real Heat 19 did when issue 17 captured it (template, calls and
 * answers from /work/notes/heat-samples/heat-api.json, copied here): the same documents, keys
 * in the same order, the same reasons, outputs and refusals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenStack } from './fake-openstack.js';
import { PROJECT } from './fake-keystone.js';

/** The template the capture ran (a group of two TestResources, a password, a None). */
const CAPTURED = {
  heat_template_version: '2018-08-31',
  description: 'capture',
  parameters: {
    count: { type: 'number', default: 2 },
    simulate_failure: { type: 'boolean', default: false },
  },
  resources: {
    password: { type: 'OS::Heat::RandomString', properties: { length: 16 } },
    group: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: {
          type: 'OS::Heat::TestResource',
          properties: {
            value: 'web-%index%',
            wait_secs: 2,
            fail: { get_param: 'simulate_failure' },
          },
        },
      },
    },
    lb: { type: 'OS::Heat::None' },
  },
  outputs: {
    url: {
      description: 'The site',
      value: {
        str_replace: {
          template: 'http://host/',
          params: { host: { get_attr: ['group', 'output', 0] } },
        },
      },
    },
    admin_password: { description: 'pw', value: { get_attr: ['password', 'value'] } },
  },
};

/** The keys of Heat 19's documents, in its order. */
const SHOW_KEYS = [
  'stack_name',
  'id',
  'links',
  'creation_time',
  'updated_time',
  'deletion_time',
  'notification_topics',
  'parameters',
  'description',
  'template_description',
  'capabilities',
  'disable_rollback',
  'timeout_mins',
  'stack_owner',
  'parent',
  'stack_user_project_id',
  'tags',
  'stack_status',
  'stack_status_reason',
  'outputs',
];
const LIST_KEYS = [
  'id',
  'links',
  'stack_name',
  'description',
  'stack_status',
  'stack_status_reason',
  'creation_time',
  'updated_time',
  'deletion_time',
  'stack_owner',
  'parent',
  'stack_user_project_id',
  'tags',
];

describe('the fake Heat, against what the real Heat 19 answered', () => {
  let cloud: FakeOpenStack;
  let token: string;
  let base: string;
  beforeEach(async () => {
    cloud = await new FakeOpenStack().start();
    cloud.secondMs = 30; // the capture's wait_secs: 2 lasts 60 ms here
    cloud.deletedListedMs = 200;
    const auth = await fetch(`${cloud.url}/identity/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'secret' } },
          },
          scope: { project: { name: 'demo', domain: { name: 'Default' } } },
        },
      }),
    });
    token = auth.headers.get('x-subject-token')!;
    base = `${cloud.url}/heat/v1/${PROJECT.id}`;
  });
  afterEach(() => cloud.stop());

  async function heat(method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: { 'x-auth-token': token, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    };
  }
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('creates, shows, updates and deletes a stack with the documents Heat answers', async () => {
    const create = {
      stack_name: 'capture-ok',
      template: CAPTURED,
      parameters: { count: 2 },
      timeout_mins: 5,
      disable_rollback: true,
    };
    const created = await heat('POST', '/stacks', create);
    expect(created.status).toBe(201);
    const { id } = created.body.stack;
    expect(created.body).toEqual({
      stack: { id, links: [{ href: `${base}/stacks/capture-ok/${id}`, rel: 'self' }] },
    });
    expect(created.headers.get('location')).toBe(`${base}/stacks/capture-ok/${id}`);

    const starting = (await heat('GET', `/stacks/capture-ok/${id}`)).body.stack;
    expect(Object.keys(starting)).toEqual(SHOW_KEYS);
    expect(starting).toMatchObject({
      stack_status: 'CREATE_IN_PROGRESS',
      stack_status_reason: 'Stack CREATE started',
      parameters: {
        'OS::stack_id': id,
        'OS::project_id': PROJECT.id,
        'OS::stack_name': 'capture-ok',
        count: '2',
        simulate_failure: 'False',
      },
      timeout_mins: 5,
      tags: [],
      // Resolved over no resources yet, as Heat does.
      outputs: [
        { output_key: 'url', description: 'The site', output_value: 'http:///' },
        { output_key: 'admin_password', description: 'pw', output_value: null },
      ],
    });
    expect(starting.creation_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await heat('GET', '/stacks?name=capture-ok')).body.stacks.map(Object.keys)).toEqual([
      LIST_KEYS,
    ]);
    const redirect = await heat('GET', '/stacks/capture-ok');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(new RegExp(`/stacks/capture-ok/${id}$`));

    await sleep(80);
    const done = (await heat('GET', `/stacks/capture-ok/${id}`)).body.stack;
    expect(done.stack_status).toBe('CREATE_COMPLETE');
    expect(done.stack_status_reason).toBe('Stack CREATE completed successfully');
    // [group, output, 0] applies the 0 to each member's output: Heat 19's own answer.
    expect(done.outputs[0]).toEqual({
      output_key: 'url',
      description: 'The site',
      output_value: 'http://["w", "w"]/',
    });
    const password = done.outputs[1].output_value;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);

    expect(await heat('POST', '/stacks', create)).toMatchObject({
      status: 409,
      body: {
        code: 409,
        title: 'Conflict',
        explanation: 'There was a conflict when trying to complete your request.',
        error: {
          type: 'StackExists',
          traceback: null,
          message: 'The Stack (capture-ok) already exists.',
        },
      },
    });

    // Two updates in a row: both accepted (the convergence engine), the second takes over.
    const update = { template: CAPTURED, parameters: { count: 4 } };
    for (const count of [3, 4]) {
      const answer = await heat('PUT', `/stacks/capture-ok/${id}`, {
        ...update,
        parameters: { count },
      });
      expect(answer).toMatchObject({
        status: 202,
        body: {
          message: 'The request is accepted for processing.<br /><br />\n\n\n',
          code: '202 Accepted',
          title: 'Accepted',
        },
      });
    }
    const updating = (await heat('GET', `/stacks/capture-ok/${id}`)).body.stack;
    expect(updating).toMatchObject({
      stack_status: 'UPDATE_IN_PROGRESS',
      stack_status_reason: 'Stack UPDATE started',
    });
    expect(updating.outputs[1].output_value).toBe(password); // the last action's, meanwhile
    await sleep(80);
    const updated = (await heat('GET', `/stacks/capture-ok/${id}`)).body.stack;
    expect(updated).toMatchObject({
      stack_status: 'UPDATE_COMPLETE',
      stack_status_reason: 'Stack UPDATE completed successfully',
    });
    expect(updated.parameters.count).toBe('4');
    expect(updated.outputs.map((o: any) => o.output_value)).toEqual([
      'http://["w", "w", "w", "w"]/',
      password,
    ]);

    expect((await heat('DELETE', `/stacks/capture-ok/${id}`)).status).toBe(204);
    const deleting = (await heat('GET', `/stacks/capture-ok/${id}`)).body.stack;
    expect(deleting.stack_status_reason).toBe('Stack DELETE started');
    expect(deleting.outputs).toEqual([
      {
        output_key: 'url',
        description: 'The site',
        output_error: 'The specified reference "group" (in unknown) is incorrect.',
        output_value: null,
      },
      {
        output_key: 'admin_password',
        description: 'pw',
        output_error: 'The specified reference "password" (in unknown) is incorrect.',
        output_value: null,
      },
    ]);
    await sleep(80);
    // Deleted: still readable by its id, without outputs; listed for a moment; gone for DELETE.
    const deleted = (await heat('GET', `/stacks/capture-ok/${id}`)).body.stack;
    expect(deleted).toMatchObject({
      stack_status: 'DELETE_COMPLETE',
      stack_status_reason: 'Stack DELETE completed successfully',
    });
    expect(deleted).not.toHaveProperty('outputs');
    expect((await heat('GET', '/stacks?name=capture-ok')).body.stacks[0].stack_status).toBe(
      'DELETE_COMPLETE',
    );
    await sleep(200);
    expect((await heat('GET', '/stacks?name=capture-ok')).body.stacks).toEqual([]);
    expect(await heat('DELETE', `/stacks/capture-ok/${id}`)).toMatchObject({
      status: 404,
      body: {
        code: 404,
        title: 'Not Found',
        explanation: 'The resource could not be found.',
        error: {
          type: 'EntityNotFound',
          traceback: null,
          message: 'The Stack (capture-ok) could not be found.',
        },
      },
    });
  });

  it('fails a TestResource with Heat’s reason, and still resolves the outputs', async () => {
    const created = await heat('POST', '/stacks', {
      stack_name: 'capture-fail',
      template: CAPTURED,
      parameters: { count: 2, simulate_failure: true },
    });
    await sleep(80);
    const failed = (await heat('GET', `/stacks/capture-fail/${created.body.stack.id}`)).body.stack;
    expect(failed).toMatchObject({
      stack_status: 'CREATE_FAILED',
      stack_status_reason:
        'Resource CREATE failed: ValueError: resources.group.resources[0]: Test Resource failed 0',
      parameters: { simulate_failure: 'True' },
    });
    expect(failed.outputs[0].output_value).toBe('http://[null, null]/');
    expect(failed.outputs[1].output_value).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('refuses what Heat refuses, in its words', async () => {
    const refused = async (body: unknown) => (await heat('POST', '/stacks', body)).body.error;
    expect(
      await refused({
        stack_name: 'capture-bad',
        template: {
          heat_template_version: '2018-08-31',
          resources: { x: { type: 'OS::Heat::TestResource', properties: { nope: 1 } } },
        },
        parameters: {},
      }),
    ).toEqual({
      type: 'StackValidationFailed',
      traceback: null,
      message: 'Property error: : resources.x.properties: : Unknown Property nope',
    });
    expect(
      await refused({
        stack_name: 'capture-bad2',
        template: CAPTURED,
        parameters: { count: 'abc' },
      }),
    ).toMatchObject({
      type: 'StackValidationFailed',
      message: "Parameter 'count' is invalid: could not convert string to float: 'abc'",
    });
    expect(
      await refused({ stack_name: 'bad name!', template: CAPTURED, parameters: {} }),
    ).toMatchObject({
      type: 'StackValidationFailed',
      message:
        'Invalid stack name bad name! must contain only alphanumeric or "_-." characters, must start with alpha and must be 255 characters or less.',
    });
    const missing = await heat('GET', '/stacks/nonexistent-stack');
    expect(missing).toMatchObject({
      status: 404,
      body: {
        error: {
          type: 'EntityNotFound',
          message: 'The Stack (nonexistent-stack) could not be found.',
        },
      },
    });
  });
});

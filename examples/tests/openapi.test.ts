/**
 * Both services' OpenAPI documents: generated from their controller trees, valid OpenAPI 3.1
 * (checked by @seriousme/openapi-schema-validator), served at /openapi.json and /docs, and
 * linked from /v1/. The notifier's zod contracts are checked against its parsers, which do the
 * validating (shared/parser-schema.ts), so the document cannot drift from the rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { OpenApiDocument, OpenApiOperation, PecanApp } from 'pecan';
import { describeAdapters } from '../../test/support/adapters.js';
import { makeNotification } from '../shared/notification.js';
import type { Deployer } from '../deployer/deployer.js';
import { startTestDeployer } from '../deployer/tests/support.js';
import type { Notifier } from '../notifier/notifier.js';
import { startNotifier } from '../notifier/tests/notifier-fixture.js';
import {
  alarmQuery,
  alarmQueryContract,
  definitionBody,
  definitionContract,
  notificationBody,
  notificationContract,
  stateBody,
  stateContract,
} from '../notifier/controllers/v1/schemas.js';
import type { ParserSchema } from '../shared/parser-schema.js';
import type { z } from 'zod';

let deployer: Deployer;
let deployerApp: PecanApp;
let notifier: Notifier;

beforeAll(async () => {
  ({ deployer, app: deployerApp } = await startTestDeployer());
  notifier = await startNotifier();
});
afterAll(async () => {
  await deployer.stop();
  await notifier.close();
});

function operation(document: OpenApiDocument, path: string, method: string): OpenApiOperation {
  const found = (document.paths[path] as Record<string, OpenApiOperation> | undefined)?.[method];
  if (found === undefined) throw new Error(`no ${method} ${path}`);
  return found;
}

describe("the services' OpenAPI documents", () => {
  it('are valid OpenAPI 3.1', async () => {
    for (const app of [deployerApp, notifier.app]) {
      const result = await new Validator().validate(app.openapi() as never);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it("describe the deployer's REST API from its schemas", () => {
    const document = deployerApp.openapi();
    expect(document.info.title).toBe('Deployer API');
    expect(Object.keys(document.paths['/v1/deployments/{id}']!).sort()).toEqual([
      'delete',
      'get',
      'put',
    ]);
    const create = operation(document, '/v1/deployments', 'post');
    expect(Object.keys(create.responses)).toEqual(['202', '400']);
    expect(create.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      required: ['name', 'app', 'size', 'count'],
    });
    const list = operation(document, '/v1/deployments', 'get');
    expect(list.parameters?.map((p) => p.name)).toEqual(['status', 'app', 'limit', 'marker']);
    expect(operation(document, '/v1/deployments/{id}', 'get').responses['200']).toMatchObject({
      content: { 'application/json': { schema: { properties: { events: { type: 'array' } } } } },
    });
    expect(operation(document, '/v1/deployments/events', 'get').responses['200']).toMatchObject({
      content: { 'text/event-stream': {} },
    });
    expect(operation(document, '/v1/apps/{id}', 'get').operationId).toBe('AppsController_getOne');
  });

  it("describe the notifier's REST API from its contracts", () => {
    const document = notifier.app.openapi();
    expect(document.info.title).toBe('Notifier API');
    const receive = operation(document, '/v1/notifications', 'post');
    expect(receive.requestBody?.content['application/json']?.schema).toMatchObject({
      properties: { message_id: { format: 'uuid' }, priority: { enum: ['INFO', 'WARN', 'ERROR'] } },
    });
    const alarms = operation(document, '/v1/alarms', 'get');
    expect(alarms.parameters?.find((p) => p.name === 'state')?.schema).toEqual({
      type: 'string',
      enum: ['alarm', 'acknowledged', 'ok'],
    });
    expect(Object.keys(document.paths['/v1/alarm-definitions/{id}']!).sort()).toEqual([
      'delete',
      'get',
      'put',
    ]);
    expect(operation(document, '/v1/alarm-definitions', 'post').responses).toHaveProperty('201');
  });
});

describeAdapters('the services serve their documents', ({ client }) => {
  for (const [name, app] of [
    ['deployer', () => deployerApp],
    ['notifier', () => notifier.app],
  ] as const) {
    it(`${name}: /v1/ links /openapi.json and /docs, which answer`, async () => {
      const c = await client(app());
      const index = (await c.get('/v1/')).json as { links: { rel: string; href: string }[] };
      const desc = index.links.find((link) => link.rel === 'service-desc')!;
      const doc = index.links.find((link) => link.rel === 'service-doc')!;
      const served = await c.get(desc.href);
      expect(served.status).toBe(200);
      expect(served.json).toEqual(JSON.parse(JSON.stringify(app().openapi())));
      const page = await c.get(doc.href);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<h1>');
      expect(page.text).toContain('/v1/');
    });
  }
});

describe("the notifier's contracts agree with its parsers", () => {
  const agree = (schema: ParserSchema<unknown>, contract: z.ZodType, input: unknown) => {
    const parsed = schema['~standard'].validate(input) as { issues?: unknown };
    expect(parsed.issues === undefined, JSON.stringify(input)).toBe(
      contract.safeParse(input).success,
    );
  };

  it('on notifications', () => {
    const valid = makeNotification('deployment.create.end', { id: 'd1' }, { publisherId: 'h' });
    agree(notificationBody, notificationContract, valid);
    agree(notificationBody, notificationContract, { ...valid, message_id: 'nope' });
    agree(notificationBody, notificationContract, { ...valid, priority: 'LOUD' });
    agree(notificationBody, notificationContract, { ...valid, payload: [] });
    agree(notificationBody, notificationContract, []);
  });

  it('on alarm definitions', () => {
    const valid = {
      name: 'deployment-deleted',
      eventType: 'deployment.delete.end',
      severity: 'moderate',
      actions: [
        { type: 'webhook', url: 'https://hooks.example.com/x' },
        { type: 'email', to: ['ops@example.com'] },
        { type: 'log' },
      ],
      enabled: false,
    };
    agree(definitionBody, definitionContract, valid);
    agree(definitionBody, definitionContract, { ...valid, severity: 'high' });
    agree(definitionBody, definitionContract, { ...valid, name: '' });
    agree(definitionBody, definitionContract, { ...valid, actions: [{ type: 'sms' }] });
    agree(definitionBody, definitionContract, { ...valid, enabled: 'yes' });
    agree(definitionBody, definitionContract, {
      ...valid,
      actions: [{ type: 'email', to: 'a@b.io' }],
    });
    agree(definitionBody, definitionContract, { ...valid, actions: [{ type: 'email', to: [] }] });
    agree(definitionBody, definitionContract, { ...valid, actions: [{ type: 'webhook' }] });
  });

  it('on alarm state changes and the alarm query', () => {
    agree(stateBody, stateContract, { state: 'acknowledged', reason: 'on it' });
    agree(stateBody, stateContract, { state: 'snoozed' });
    agree(alarmQuery as ParserSchema<unknown>, alarmQueryContract, { state: 'alarm', limit: '5' });
    agree(alarmQuery as ParserSchema<unknown>, alarmQueryContract, { severity: 'high' });
  });
});

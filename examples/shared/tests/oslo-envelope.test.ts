/**
 * Reading a notification from a message body as OpenStack services publish it: oslo's v2
 * envelope (here a message a real heat-engine 19 published, byte for byte but for the JSON
 * spacing) or the bare message (v1, and the deployer's own amqp publisher).
 */
import { describe, expect, it } from 'vitest';
import { makeNotification } from '../notification.js';
import { readNotification } from '../transport/oslo-envelope.js';

// orchestration.stack.create.error of a nested stack, captured on exchange `heat`.
const HEAT_BODY = {
  'oslo.version': '2.0',
  'oslo.message':
    '{"message_id": "b1589896-dc4c-4be1-a32a-e53edb586f97", "publisher_id": "orchestration.vm", "event_type": "orchestration.stack.create.error", "priority": "ERROR", "payload": {"tenant_id": "7435e08f99af42bfa48d5b416ffc225b", "user_id": "deployer", "user_identity": "2eb4e2cd9cc24fca978247e8822a00cb", "username": "deployer", "stack_identity": "312fe265-9558-4846-a074-10340879c08c", "stack_name": "capture-fail-group-k2nc2kj3vdtb", "state": "CREATE_FAILED", "state_reason": "Resource CREATE failed: ValueError: resources[0]: Test Resource failed 0", "create_at": "2026-12-05T00:24:32Z", "tags": [], "updated_at": null, "description": "No description"}, "timestamp": "2026-12-05 00:24:34.923082", "_unique_id": "c7bd702fe691416db84dc4a9a088fdfe", "_context_auth_token": null, "_context_username": null, "_context_user_id": "2eb4e2cd9cc24fca978247e8822a00cb", "_context_password": null, "_context_aws_creds": null, "_context_tenant": "deployer", "_context_tenant_id": "7435e08f99af42bfa48d5b416ffc225b", "_context_project_name": "deployer", "_context_project_id": "7435e08f99af42bfa48d5b416ffc225b", "_context_trust_id": null, "_context_trustor_user_id": null, "_context_auth_token_info": null, "_context_auth_url": null, "_context_roles": ["member", "heat_stack_owner", "reader"], "_context_is_admin": false, "_context_user": null, "_context_request_id": "req-9c8495fe-2099-45c3-bca9-97521aa2592f", "_context_global_request_id": null, "_context_show_deleted": false, "_context_region_name": null, "_context_user_identity": "2eb4e2cd9cc24fca978247e8822a00cb 7435e08f99af42bfa48d5b416ffc225b", "_context_user_domain_id": "default", "_context_project_domain_id": "default"}',
};

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("oslo's envelope", () => {
  it("reads Heat's v2 envelope: oslo's keys, the request context left out", () => {
    const read = readNotification(body(HEAT_BODY));
    expect(read).toEqual({
      ok: true,
      notification: {
        message_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        event_type: 'orchestration.stack.create.error',
        publisher_id: 'orchestration.vm',
        timestamp: '2026-12-05 00:24:34.923082',
        priority: 'ERROR',
        payload: expect.objectContaining({
          stack_identity: '312fe265-9558-4846-a074-10340879c08c',
          stack_name: 'capture-fail-group-k2nc2kj3vdtb',
          state: 'CREATE_FAILED',
          state_reason: expect.stringMatching(/^Resource CREATE failed: ValueError/),
          updated_at: null,
          tags: [],
        }),
      },
    });
    expect(Object.keys((read as { notification: object }).notification)).not.toContain(
      '_context_request_id',
    );
  });

  it('reads the bare message (v1) the same', () => {
    const inner = JSON.parse(HEAT_BODY['oslo.message']) as Record<string, unknown>;
    const v1 = readNotification(body(inner));
    expect(v1).toEqual(readNotification(body(HEAT_BODY)));
  });

  it('reads a timestamp without microseconds (Python prints none when they are 0)', () => {
    const inner = { ...JSON.parse(HEAT_BODY['oslo.message']), timestamp: '2026-12-05 00:24:34' };
    const read = readNotification(
      body({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) }),
    );
    expect(read).toMatchObject({ ok: true, notification: { timestamp: '2026-12-05 00:24:34' } });
  });

  it('accepts a later 2.x envelope, refuses another major version', () => {
    const notification = makeNotification('compute.instance.create.end', {}, { publisherId: 'p' });
    const wrap = (version: unknown) =>
      body({ 'oslo.version': version, 'oslo.message': JSON.stringify(notification) });
    expect(readNotification(wrap('2.1'))).toEqual({ ok: true, notification });
    expect(readNotification(wrap('3.0'))).toEqual({
      ok: false,
      problem: 'unsupported oslo.version "3.0"',
    });
    expect(readNotification(wrap(2))).toEqual({ ok: false, problem: 'unsupported oslo.version 2' });
  });

  it('says what is wrong with a broken envelope', () => {
    expect(readNotification(body({ 'oslo.message': '{}' }))).toEqual({
      ok: false,
      problem: 'unsupported oslo.version null',
    });
    expect(readNotification(body({ 'oslo.version': '2.0', 'oslo.message': { a: 1 } }))).toEqual({
      ok: false,
      problem: 'oslo.message must be a string of JSON',
    });
    expect(readNotification(body({ 'oslo.version': '2.0', 'oslo.message': '{' }))).toEqual({
      ok: false,
      problem: 'oslo.message is not JSON',
    });
    expect(readNotification(body({ 'oslo.version': '2.0', 'oslo.message': '[]' }))).toEqual({
      ok: false,
      problem: 'invalid envelope: body must be a JSON object',
    });
  });

  it('names the fields a message inside the envelope lacks', () => {
    const inner = JSON.parse(HEAT_BODY['oslo.message']) as Record<string, unknown>;
    delete inner.message_id;
    inner.priority = 'SAMPLE';
    const read = readNotification(body({ ...HEAT_BODY, 'oslo.message': JSON.stringify(inner) }));
    expect(read).toEqual({
      ok: false,
      problem: expect.stringMatching(/^invalid envelope: message_id must be a UUID; priority/),
    });
  });
});

/**
 * The real Keystone + Heat that deploy/openstack/up.sh runs on this machine, for the suites of
 * `npm run test:openstack` (deploy/openstack/test/run.sh starts it, runs them, stops it).
 * The credentials are the deployer's OpenStack RC file's OS_* variables; the broker Heat
 * publishes its notifications on is OPENSTACK_AMQP_URL.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import type { OpenStackDriverSettings } from '../../deployer/drivers/openstack/heat.js';
import {
  endpointOf,
  keystoneBase,
  passwordAuth,
  type CatalogEntry,
} from '../../deployer/drivers/openstack/keystone.js';
import { root } from '../harness.js';

const run = promisify(execFile);

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run these suites through deploy/openstack/test/run.sh, or source ` +
        '/etc/pecan/openstack/deployer-openrc after deploy/openstack/up.sh',
    );
  return value;
}

/** The deployer's cloud account, as the driver's settings. */
export function cloudSettings(): OpenStackDriverSettings {
  return {
    kind: 'openstack',
    authUrl: required('OS_AUTH_URL'),
    username: required('OS_USERNAME'),
    password: required('OS_PASSWORD'),
    projectName: required('OS_PROJECT_NAME'),
    userDomainName: process.env.OS_USER_DOMAIN_NAME ?? 'Default',
    projectDomainName: process.env.OS_PROJECT_DOMAIN_NAME ?? 'Default',
    interface: 'public',
  };
}

export const region = (): string => process.env.OS_REGION_NAME ?? 'RegionOne';

/** The same variables, for a service process started with DEPLOYER_DRIVER=openstack. */
export function cloudEnv(): Record<string, string> {
  const names = [
    'OS_AUTH_URL',
    'OS_USERNAME',
    'OS_PASSWORD',
    'OS_PROJECT_NAME',
    'OS_USER_DOMAIN_NAME',
    'OS_PROJECT_DOMAIN_NAME',
    'OS_REGION_NAME',
    'OS_INTERFACE',
  ];
  cloudSettings(); // fails early and clearly when they are missing
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]!]] : [])));
}

export const amqpUrl = (): string => required('OPENSTACK_AMQP_URL');

/** Stops or starts one of the OpenStack daemons (heat-api, heat-engine, keystone). */
export async function daemon(action: 'start' | 'stop', name: string): Promise<void> {
  await run('bash', [`${root}/deploy/openstack/daemons.sh`, action, name]);
}

/** A token of the deployer's, straight from Keystone (to revoke it, or to call Heat). */
export async function issueToken(): Promise<{ token: string; heatUrl: string }> {
  const s = cloudSettings();
  const response = await fetch(`${keystoneBase(s.authUrl)}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(passwordAuth(s)),
  });
  if (response.status !== 201) throw new Error(`Keystone: ${response.status}`);
  const body = (await response.json()) as { token: { catalog: CatalogEntry[] } };
  return {
    token: response.headers.get('x-subject-token')!,
    heatUrl: endpointOf(body.token.catalog, 'orchestration', region(), 'public'),
  };
}

/** Revokes a token in Keystone (a user may revoke its own). */
export async function revokeToken(token: string, fetchImpl = fetch): Promise<void> {
  const base = keystoneBase(cloudSettings().authUrl);
  const response = await fetchImpl(`${base}/v3/auth/tokens`, {
    method: 'DELETE',
    headers: { 'x-auth-token': token, 'x-subject-token': token },
  });
  if (response.status !== 204)
    throw new Error(`revoking a token: Keystone said ${response.status}`);
}

/** Deletes every stack of the project whose name starts with `prefix` (a suite's leftovers). */
export async function deleteStacks(prefix: string): Promise<void> {
  const { token, heatUrl } = await issueToken();
  const headers = { 'x-auth-token': token, accept: 'application/json' };
  const list = (await (await fetch(`${heatUrl}/stacks`, { headers })).json()) as {
    stacks: { id: string; stack_name: string }[];
  };
  for (const stack of list.stacks.filter((s) => s.stack_name.startsWith(prefix)))
    await fetch(`${heatUrl}/stacks/${stack.stack_name}/${stack.id}`, { method: 'DELETE', headers });
}

/** Deletes queues a suite declared on Heat's broker (they would collect notifications forever). */
export async function deleteQueues(...names: string[]): Promise<void> {
  const connection = await connect(amqpUrl());
  try {
    const channel = await connection.createChannel();
    for (const name of names) await channel.deleteQueue(name);
  } finally {
    await connection.close();
  }
}

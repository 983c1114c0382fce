/**
 * The OpenStack driver: Heat's orchestration API (v1) through a Keystone session. A deployment
 * is one Heat stack made from its app's HOT template; Heat runs the lifecycle and this driver
 * reads `stack_status` and `stack_status_reason`.
 *
 * Errors: a network failure, a timeout, 5xx, 408, 429 or 409 (a stack busy or already there)
 * is transient — the reconciler retries. A 400 is Heat refusing the template or parameters:
 * a PermanentDriverError with Heat's message, which becomes the lifecycle's failure reason.
 */
import { isStatus, type Status } from '../../domain/states.js';
import { PermanentDriverError, type CloudDriver, type Stack, type StackSpec } from '../driver.js';
import { errorMessage, KeystoneSession, type KeystoneSettings } from './keystone.js';

export interface OpenStackDriverSettings extends KeystoneSettings {
  kind: 'openstack';
  /** Heat's stack timeout, in minutes (default 60). */
  stackTimeoutMins?: number;
}

interface HeatStack {
  id: string;
  stack_name: string;
  stack_status: string;
  stack_status_reason?: string | null;
  /** In a stack's show (not in lists), unless it is DELETE_COMPLETE. */
  outputs?: HeatOutput[];
}

interface HeatOutput {
  output_key: string;
  output_value?: unknown;
  description?: string | null;
  output_error?: string;
}

const SERVICE = 'orchestration';

export class HeatDriver implements CloudDriver {
  readonly #session: KeystoneSession;
  readonly #settings: OpenStackDriverSettings;

  constructor(settings: OpenStackDriverSettings, session = new KeystoneSession(settings)) {
    this.#settings = settings;
    this.#session = session;
  }

  async createStack(spec: StackSpec): Promise<Stack> {
    const response = await this.#call(spec.region, '/stacks', 'POST', {
      stack_name: spec.name,
      template: spec.template,
      parameters: spec.parameters,
      timeout_mins: this.#settings.stackTimeoutMins ?? 60,
      // Keep a failed stack as it failed (CREATE_FAILED with its reason), as an operator
      // debugging it would want, rather than rolling it back.
      disable_rollback: true,
    });
    const { stack } = (await response.json()) as { stack: { id: string } };
    return {
      id: stack.id,
      name: spec.name,
      status: 'CREATE_IN_PROGRESS',
      statusReason: '',
      outputs: [],
    };
  }

  async findStack(name: string, region: string): Promise<Stack | null> {
    const response = await this.#call(region, `/stacks?name=${encodeURIComponent(name)}`, 'GET');
    const { stacks } = (await response.json()) as { stacks: HeatStack[] };
    // A stack deleted moments ago is still listed, as DELETE_COMPLETE: not a live one.
    const found = stacks.find(
      (stack) => stack.stack_name === name && stack.stack_status !== 'DELETE_COMPLETE',
    );
    return found ? toStack(found) : null;
  }

  async getStack(id: string, name: string, region: string): Promise<Stack | null> {
    const path = `/stacks/${encodeURIComponent(name)}/${encodeURIComponent(id)}`;
    const response = await this.#call(region, path, 'GET', undefined, [404]);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    const { stack } = (await response.json()) as { stack: HeatStack };
    // Heat keeps a deleted stack readable by its id, as DELETE_COMPLETE: it is gone all the
    // same (and a lifecycle other than a delete must not read it as its own success).
    return stack.stack_status === 'DELETE_COMPLETE' ? null : toStack(stack);
  }

  async updateStack(id: string, spec: StackSpec): Promise<void> {
    const path = `/stacks/${encodeURIComponent(spec.name)}/${encodeURIComponent(id)}`;
    const response = await this.#call(spec.region, path, 'PUT', {
      template: spec.template,
      parameters: spec.parameters,
      timeout_mins: this.#settings.stackTimeoutMins ?? 60,
    });
    await response.body?.cancel();
  }

  async deleteStack(id: string, name: string, region: string): Promise<void> {
    const path = `/stacks/${encodeURIComponent(name)}/${encodeURIComponent(id)}`;
    const response = await this.#call(region, path, 'DELETE', undefined, [404]);
    await response.body?.cancel(); // a 404: already gone, which is what was asked
  }

  async close(): Promise<void> {}

  /** One Heat call; a status outside 2xx (and `accept`) becomes the right kind of error. */
  async #call(
    region: string,
    path: string,
    method: string,
    body?: unknown,
    accept: number[] = [],
  ): Promise<Response> {
    const response = await this.#session.request(SERVICE, region, path, {
      method,
      ...(body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (response.ok || accept.includes(response.status)) return response;
    const message = `Heat ${method} ${path}: ${response.status} ${errorMessage(await response.text())}`;
    if (response.status === 400 || response.status === 403 || response.status === 413)
      throw new PermanentDriverError(message);
    throw new Error(message);
  }
}

/**
 * Heat's status in the deployer's terms. Heat has actions beyond create, update and delete
 * (ROLLBACK, SUSPEND, CHECK, …); the reconciler reads only the state, so those keep their
 * state, and a rollback's end is the failure it recovered from.
 */
function toStack(stack: HeatStack): Stack {
  const reason = stack.stack_status_reason ?? '';
  let status: Status;
  if (isStatus(stack.stack_status)) status = stack.stack_status;
  else if (stack.stack_status.endsWith('_IN_PROGRESS')) status = 'UPDATE_IN_PROGRESS';
  else if (stack.stack_status.startsWith('ROLLBACK_') || stack.stack_status.endsWith('_FAILED'))
    status = 'UPDATE_FAILED';
  else status = 'UPDATE_COMPLETE';
  return {
    id: stack.id,
    name: stack.stack_name,
    status,
    statusReason: reason,
    outputs: (stack.outputs ?? []).map((output) => ({
      key: output.output_key,
      value: output.output_value ?? null,
      description: output.description ?? '',
      ...(output.output_error !== undefined && { error: output.output_error }),
    })),
  };
}

/**
 * A fake Keystone v3 and Heat v1, written with pecan, for testing the openstack driver. It
 * answers with the real APIs' shapes: a token in the X-Subject-Token header and a body with
 * `expires_at` and the service catalogue; Heat's /v1/{project_id}/stacks paths, stacks with
 * `stack_status` and `stack_status_reason`, 409 on a duplicate name, a deleted stack still
 * readable by its id (DELETE_COMPLETE) and listed for a moment, 404 on a second delete, and
 * Heat's error document `{explanation, code, error: {message, type, traceback}, title}`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeApp } from 'pecan';
import { PROJECT, TokensController, USER } from './fake-keystone.js';
import { modelStack } from '../drivers/hot-model.js';
import { HeatProjects, type FakeStack, type HeatCall } from './fake-heat.js';

export type { FakeStack, HeatCall };

export class FakeOpenStack {
  url = '';
  password = USER.password;
  tokenTtlMs = 3_600_000;
  /** How long each stack action takes, besides its test resources' `wait_secs`... */
  actionMs = 0;
  /** ...each of which lasts this many ms here (real Heat: 1000). */
  secondMs = 1000;
  /** Whether the cloud has Nova, Octavia, Cinder: without, Heat refuses their resource types. */
  compute = true;
  /** How long `GET /stacks` still lists a deleted stack, as DELETE_COMPLETE. */
  deletedListedMs = 2000;
  /** Not null: Heat answers every call with this status (503: down). */
  heatStatus: number | null = null;
  /** The next action fails with this reason. */
  failNext: string | null = null;
  /** Where the catalogue says RegionTwo's Heat is (a path with no Heat: unreachable). */
  regionTwoPath = 'heat2';
  authentications = 0;
  readonly tokens = new Map<string, number>();
  readonly stacks: FakeStack[] = [];
  readonly calls: HeatCall[] = [];
  #server: http.Server | null = null;

  readonly settings = {
    username: USER.name,
    password: USER.password,
    userDomainName: USER.domain,
    projectName: PROJECT.name,
    projectDomainName: PROJECT.domain,
  };

  /** Listens on `port` (0: any free one); a restart after `stop()` passes the old one. */
  async start(port = 0): Promise<this> {
    const app = makeApp({
      identity: { v3: { auth: { tokens: new TokensController(this) } } },
      heat: new HeatProjects(this, 'public RegionOne'),
      heatinternal: new HeatProjects(this, 'internal RegionOne'),
      heat2: new HeatProjects(this, 'public RegionTwo'),
    });
    this.#server = http.createServer(app);
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  /** Revokes every token: the next call with one is a 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Stacks that exist, their running actions ended if their time has come. */
  live(): FakeStack[] {
    for (const stack of this.stacks) {
      if (stack.status.endsWith('_IN_PROGRESS') && Date.now() >= stack.endsAt) {
        const action = stack.status.split('_')[0]!;
        stack.status = `${action}_${stack.outcome}`;
        stack.reason =
          stack.outcome === 'COMPLETE' ? `Stack ${action} completed successfully` : stack.failure;
        stack.outputs = stack.next.outputs;
        stack.resources = stack.next.resources;
        if (stack.status === 'DELETE_COMPLETE') stack.deletedAt = stack.endsAt;
      }
    }
    return this.stacks.filter((stack) => stack.deletedAt === null);
  }

  /**
   * How an action that starts now on `stack` (its template and parameters already the new
   * ones) will run: as Heat would run its template — the test resources' waits and failures,
   * the outputs it resolves (hot-model.ts) — plus `actionMs`, or failing as `failNext` says.
   */
  beginAction(
    action: 'CREATE' | 'UPDATE' | 'DELETE',
    stack: Pick<FakeStack, 'id' | 'name' | 'template' | 'parameters' | 'resources'>,
  ): Pick<FakeStack, 'status' | 'reason' | 'endsAt' | 'outcome' | 'failure' | 'next'> {
    const model = modelStack(stack.template as never, stack.parameters, {
      action,
      stackName: stack.name,
      stackId: stack.id,
      projectId: PROJECT.id,
      previous: stack.resources,
    });
    const failure = this.failNext ?? model.failure;
    this.failNext = null;
    return {
      status: `${action}_IN_PROGRESS`,
      reason: `Stack ${action} started`,
      endsAt: Date.now() + this.actionMs + model.waitSecs * this.secondMs,
      outcome: failure ? 'FAILED' : 'COMPLETE',
      failure: failure ?? '',
      next: { outputs: model.outputs, resources: model.resources },
    };
  }
}

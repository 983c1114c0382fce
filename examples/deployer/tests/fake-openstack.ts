/**
 * A fake Keystone v3 and Heat v1, written with pecan, for testing the openstack driver. It
 * answers with the real APIs' shapes: a token in the X-Subject-Token header and a body with
 * `expires_at` and the service catalogue; Heat's /v1/{project_id}/stacks paths, stacks with
 * `stack_status` and `stack_status_reason`, 409 on a duplicate name, 404 once deleted, and
 * Heat's error document `{explanation, code, error: {message, type, traceback}, title}`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeApp } from 'pecan';
import { PROJECT, TokensController, USER } from './fake-keystone.js';
import { HeatProjects, type FakeStack, type HeatCall } from './fake-heat.js';

export type { FakeStack, HeatCall };

export class FakeOpenStack {
  url = '';
  password = USER.password;
  tokenTtlMs = 3_600_000;
  /** How long each stack action takes. */
  actionMs = 0;
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

  async start(): Promise<this> {
    const app = makeApp({
      identity: { v3: { auth: { tokens: new TokensController(this) } } },
      heat: new HeatProjects(this, 'public RegionOne'),
      heatinternal: new HeatProjects(this, 'internal RegionOne'),
      heat2: new HeatProjects(this, 'public RegionTwo'),
    });
    this.#server = http.createServer(app);
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
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
        if (stack.status === 'DELETE_COMPLETE') stack.deleted = true;
      }
    }
    return this.stacks.filter((stack) => !stack.deleted);
  }

  /** How an action that starts now will run: for `actionMs`, then as `failNext` says. */
  beginAction(
    action: string,
  ): Pick<FakeStack, 'status' | 'reason' | 'endsAt' | 'outcome' | 'failure'> {
    const failure = this.failNext;
    this.failNext = null;
    return {
      status: `${action}_IN_PROGRESS`,
      reason: `Stack ${action} started`,
      endsAt: Date.now() + this.actionMs,
      outcome: failure ? 'FAILED' : 'COMPLETE',
      failure: failure ?? '',
    };
  }
}

/**
 * The fake Heat v1 (see fake-openstack.ts): /heat/v1/{project_id}/stacks, behind a token check
 * as keystonemiddleware does it, answering as Heat 19 does (its documents in
 * fake-heat-documents.ts, its refusals in fake-heat-validation.ts).
 */
import { randomUUID } from 'node:crypto';
import { expose, request, response, RestController } from 'pecan';
import type { StackOutput } from '../drivers/driver.js';
import type { ResourceStates } from '../drivers/hot-model.js';
import {
  ACCEPTED,
  found,
  heatError,
  heatTime,
  listed,
  selfLink,
  show,
} from './fake-heat-documents.js';
import { validate } from './fake-heat-validation.js';
import { PROJECT, unauthorized } from './fake-keystone.js';
import type { FakeOpenStack } from './fake-openstack.js';

export { checkResource } from './fake-heat-validation.js';

export interface FakeStack {
  id: string;
  name: string;
  status: string;
  reason: string;
  parameters: Record<string, unknown>;
  template: Record<string, unknown>;
  /** When the running action ends, and how. */
  endsAt: number;
  outcome: 'COMPLETE' | 'FAILED';
  failure: string;
  /** What the last finished action left, and what the running one will. */
  outputs: StackOutput[];
  resources: ResourceStates;
  next: { outputs: StackOutput[]; resources: ResourceStates };
  /** Since when it is DELETE_COMPLETE (ms), or null. */
  deletedAt: number | null;
  createdAt: string;
  updatedAt: string | null;
  timeoutMins: number;
  disableRollback: boolean;
  /** The project Heat makes for the stack's own users (OS::Heat::WaitCondition and such). */
  userProjectId: string;
}

export interface HeatCall {
  endpoint: string;
  method: string;
  path: string;
  status: number;
}

class StacksController extends RestController {
  constructor(
    private readonly fake: FakeOpenStack,
    private readonly endpoint: string,
  ) {
    super();
  }

  /** Every call: Heat up? token valid for this project? Then the handler; the call is logged. */
  #guard(handle: () => unknown): unknown {
    let result: unknown;
    if (this.fake.heatStatus !== null)
      result = heatError(this.fake.heatStatus, 'HTTPServiceUnavailable', 'Heat is down');
    else {
      const token = request.headers.get('x-auth-token') ?? '';
      const expiresAt = this.fake.tokens.get(token);
      result = expiresAt === undefined || expiresAt <= Date.now() ? unauthorized() : handle();
    }
    this.fake.calls.push({
      endpoint: this.endpoint,
      method: request.method,
      path: request.path,
      status: result instanceof Response ? result.status : response.status,
    });
    return result;
  }

  /** A live stack by name (and id); with `deleted`, one deleted since is found by its id too. */
  #find(name: string, id?: string, deleted = false): FakeStack | Response {
    this.fake.live();
    const stack = this.fake.stacks.find(
      (s) =>
        s.name === name &&
        (id === undefined || s.id === id) &&
        (s.deletedAt === null || (deleted && id !== undefined)),
    );
    return stack ?? heatError(404, 'EntityNotFound', `The Stack (${name}) could not be found.`);
  }

  // GET /v1/{project}/stacks?name=: a stack deleted moments ago is still listed, as Heat does.
  @expose('json') getAll() {
    return this.#guard(() => {
      this.fake.live();
      const since = Date.now() - this.fake.deletedListedMs;
      return {
        stacks: this.fake.stacks
          .filter((s) => s.deletedAt === null || s.deletedAt >= since)
          .filter((s) => request.query.name === undefined || s.name === request.query.name)
          .map((s) => listed(s, this.fake.url)),
      };
    });
  }

  // GET /v1/{project}/stacks/{name} redirects to the stack's canonical URL; .../{name}/{id}
  // shows it, a deleted one too (DELETE_COMPLETE), as Heat keeps it readable by its id.
  @expose('json') getOne(name: string, id: string | undefined = undefined) {
    return this.#guard(() => {
      const stack = this.#find(name, id, true);
      if (stack instanceof Response) return stack;
      if (id === undefined) {
        const location = `${request.url.split('?')[0]}/${stack.id}`;
        response.status = 302;
        response.headers.set('Location', location);
        return found(location);
      }
      return { stack: show(stack, this.fake.url) };
    });
  }

  @expose('json') post() {
    return this.#guard(() => {
      const body = request.json as any;
      const invalid = validate(body, this.fake);
      if (invalid) return invalid;
      if (this.fake.live().some((s) => s.name === body.stack_name))
        return heatError(409, 'StackExists', `The Stack (${body.stack_name}) already exists.`);
      const created = {
        id: randomUUID(),
        name: body.stack_name as string,
        parameters: body.parameters ?? {},
        template: body.template,
        outputs: [],
        resources: {},
        deletedAt: null,
        createdAt: heatTime(Date.now()),
        updatedAt: null,
        timeoutMins: body.timeout_mins ?? 60,
        disableRollback: body.disable_rollback ?? true,
        userProjectId: randomUUID().replace(/-/g, ''),
      };
      const stack: FakeStack = { ...created, ...this.fake.beginAction('CREATE', created) };
      this.fake.stacks.push(stack);
      response.status = 201;
      response.headers.set('Location', selfLink(stack, this.fake.url));
      return {
        stack: { id: stack.id, links: [{ href: selfLink(stack, this.fake.url), rel: 'self' }] },
      };
    });
  }

  // The convergence engine (Heat's default) accepts an update while another action runs: the
  // new one takes over. No 409.
  @expose('json') put(name: string, id: string) {
    return this.#guard(() => {
      const stack = this.#find(name, id);
      if (stack instanceof Response) return stack;
      const body = request.json as any;
      const invalid = validate({ ...body, stack_name: name }, this.fake);
      if (invalid) return invalid;
      Object.assign(stack, {
        template: body.template,
        parameters: body.parameters ?? {},
        updatedAt: heatTime(Date.now()),
        ...(body.timeout_mins !== undefined && { timeoutMins: body.timeout_mins }),
      });
      Object.assign(stack, this.fake.beginAction('UPDATE', stack));
      response.status = 202;
      return ACCEPTED;
    });
  }

  @expose('json') delete(name: string, id: string) {
    return this.#guard(() => {
      const stack = this.#find(name, id);
      if (stack instanceof Response) return stack;
      if (stack.status !== 'DELETE_IN_PROGRESS') {
        Object.assign(stack, this.fake.beginAction('DELETE', stack), {
          updatedAt: heatTime(Date.now()),
        });
      }
      response.status = 204;
      return undefined;
    });
  }
}

export class HeatProjects {
  constructor(
    private readonly fake: FakeOpenStack,
    private readonly endpoint: string,
  ) {}

  // /heat/v1/{project_id}/stacks/...
  @expose() _lookup(version: string, projectId: string, ...rest: string[]) {
    if (version === 'v1' && projectId === PROJECT.id && rest[0] === 'stacks')
      return [new StacksController(this.fake, this.endpoint), rest.slice(1)];
  }
}

/**
 * The fake Heat v1 (see fake-openstack.ts): /heat/v1/{project_id}/stacks, behind a token check
 * as keystonemiddleware does it, with Heat's documents and error bodies.
 */
import { randomUUID } from 'node:crypto';
import { expose, request, response, RestController } from 'pecan';
import { PROJECT, unauthorized } from './fake-keystone.js';
import type { FakeOpenStack } from './fake-openstack.js';

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
  deleted: boolean;
  createdAt: string;
  updatedAt: string | null;
}

export interface HeatCall {
  endpoint: string;
  method: string;
  path: string;
  status: number;
}

function heatError(status: number, type: string, message: string): Response {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    409: 'Conflict',
    503: 'Service Unavailable',
  };
  return Response.json(
    {
      explanation:
        'The server could not comply with the request since it is either malformed or otherwise incorrect.',
      code: status,
      error: { message, traceback: null, type },
      title: titles[status] ?? 'Error',
    },
    { status },
  );
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

  #find(name: string, id?: string): FakeStack | Response {
    const stack = this.fake
      .live()
      .find((s) => s.name === name && (id === undefined || s.id === id));
    return stack ?? heatError(404, 'EntityNotFound', `The Stack (${name}) could not be found.`);
  }

  // GET /v1/{project}/stacks?name=
  @expose('json') getAll() {
    return this.#guard(() => ({
      stacks: this.fake
        .live()
        .filter((s) => request.query.name === undefined || s.name === request.query.name)
        .map((s) => show(s, this.fake.url)),
    }));
  }

  // GET /v1/{project}/stacks/{name} redirects to the stack's canonical URL; .../{name}/{id}
  @expose('json') getOne(name: string, id?: string) {
    return this.#guard(() => {
      const stack = this.#find(name, id);
      if (stack instanceof Response) return stack;
      if (id === undefined) {
        response.status = 302;
        response.headers.set('Location', `${request.url.split('?')[0]}/${stack.id}`);
        return null;
      }
      return { stack: show(stack, this.fake.url) };
    });
  }

  @expose('json') post() {
    return this.#guard(() => {
      const body = request.json as any;
      const invalid = validate(body);
      if (invalid) return invalid;
      if (this.fake.live().some((s) => s.name === body.stack_name))
        return heatError(409, 'StackExists', `The Stack (${body.stack_name}) already exists.`);
      const stack: FakeStack = {
        id: randomUUID(),
        name: body.stack_name,
        parameters: body.parameters ?? {},
        template: body.template,
        deleted: false,
        createdAt: new Date().toISOString(),
        updatedAt: null,
        ...this.fake.beginAction('CREATE'),
      };
      this.fake.stacks.push(stack);
      response.status = 201;
      return {
        stack: { id: stack.id, links: [{ href: selfLink(stack, this.fake.url), rel: 'self' }] },
      };
    });
  }

  @expose('json') put(name: string, id: string) {
    return this.#guard(() => {
      const stack = this.#find(name, id);
      if (stack instanceof Response) return stack;
      if (stack.status.endsWith('_IN_PROGRESS'))
        return heatError(
          409,
          'ActionInProgress',
          `Stack ${name} already has an action (${stack.status}) in progress.`,
        );
      const invalid = validate({ ...(request.json as object), stack_name: name });
      if (invalid) return invalid;
      Object.assign(stack, this.fake.beginAction('UPDATE'), {
        parameters: (request.json as any).parameters ?? {},
        updatedAt: new Date().toISOString(),
      });
      response.status = 202;
      return null;
    });
  }

  @expose('json') delete(name: string, id: string) {
    return this.#guard(() => {
      const stack = this.#find(name, id);
      if (stack instanceof Response) return stack;
      if (stack.status !== 'DELETE_IN_PROGRESS')
        Object.assign(stack, this.fake.beginAction('DELETE'));
      response.status = 204;
      return undefined;
    });
  }
}

/** Heat's checks that the driver can trip: a template, and only the parameters it declares. */
function validate(body: any): Response | null {
  if (typeof body?.stack_name !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(body.stack_name))
    return heatError(400, 'StackValidationFailed', 'Invalid stack name');
  const template = body.template;
  if (typeof template?.heat_template_version !== 'string' || typeof template.resources !== 'object')
    return heatError(
      400,
      'StackValidationFailed',
      'The template section is invalid: heat_template_version',
    );
  for (const key of Object.keys(body.parameters ?? {}))
    if (!(key in (template.parameters ?? {})))
      return heatError(
        400,
        'UnknownUserParameter',
        `The Parameter (${key}) was not defined in template.`,
      );
  return null;
}

function selfLink(stack: FakeStack, base: string): string {
  return `${base}/heat/v1/${PROJECT.id}/stacks/${stack.name}/${stack.id}`;
}

function show(stack: FakeStack, base: string) {
  return {
    id: stack.id,
    stack_name: stack.name,
    stack_status: stack.status,
    stack_status_reason: stack.reason,
    creation_time: stack.createdAt,
    updated_time: stack.updatedAt,
    deletion_time: null,
    description: (stack.template.description as string | undefined) ?? '',
    parameters: stack.parameters,
    outputs: [],
    disable_rollback: true,
    timeout_mins: 60,
    project: PROJECT.id,
    stack_owner: null,
    parent: null,
    tags: null,
    links: [{ href: selfLink(stack, base), rel: 'self' }],
  };
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

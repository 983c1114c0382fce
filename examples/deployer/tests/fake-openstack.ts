/**
 * A fake Keystone v3 and Heat v1, written with pecan, for testing the openstack driver. It
 * answers with the real APIs' shapes: a token in the X-Subject-Token header and a body with
 * `expires_at` and the service catalogue; Heat's /v1/{project_id}/stacks paths, stacks with
 * `stack_status` and `stack_status_reason`, 409 on a duplicate name, 404 once deleted, and
 * Heat's error document `{explanation, code, error: {message, type, traceback}, title}`.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expose, makeApp, request, response, RestController } from 'pecan';

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

const USER = { name: 'demo', password: 'secret', domain: 'Default' };
const PROJECT = { id: '8f5c3d2a9b7e4f6a8c1d2e3f4a5b6c7d', name: 'demo', domain: 'Default' };

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

/** Heat's keystonemiddleware answers a missing or bad token like Keystone does. */
function unauthorized(): Response {
  return Response.json(
    {
      error: {
        code: 401,
        title: 'Unauthorized',
        message: 'The request you have made requires authentication.',
      },
    },
    { status: 401, headers: { 'WWW-Authenticate': 'Keystone uri="http://fake/identity"' } },
  );
}

class TokensController extends RestController {
  constructor(private readonly fake: FakeOpenStack) {
    super();
  }

  // POST /identity/v3/auth/tokens
  @expose('json') post() {
    const auth = (request.json as any)?.auth;
    if (!auth?.identity?.methods)
      return heatError(400, 'ValidationError', 'Expecting to find identity in auth');
    const user = auth.identity.password?.user;
    const project = auth.scope?.project;
    this.fake.authentications++;
    if (
      !auth.identity.methods.includes('password') ||
      user?.name !== USER.name ||
      user?.password !== this.fake.password ||
      user?.domain?.name !== USER.domain ||
      project?.name !== PROJECT.name ||
      project?.domain?.name !== PROJECT.domain
    )
      return unauthorized();
    const token = randomUUID().replace(/-/g, '');
    const now = Date.now();
    const expiresAt = now + this.fake.tokenTtlMs;
    this.fake.tokens.set(token, expiresAt);
    response.status = 201;
    response.headers.set('X-Subject-Token', token);
    const micro = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
    const base = this.fake.url;
    const endpoint = (iface: string, region: string, path: string) => ({
      id: randomUUID(),
      interface: iface,
      region,
      region_id: region,
      url: `${base}/${path}/v1/${PROJECT.id}`,
    });
    return {
      token: {
        methods: ['password'],
        user: {
          domain: { id: 'default', name: USER.domain },
          id: 'u-1',
          name: USER.name,
          password_expires_at: null,
        },
        audit_ids: [randomUUID()],
        expires_at: micro(expiresAt),
        issued_at: micro(now),
        project: {
          domain: { id: 'default', name: PROJECT.domain },
          id: PROJECT.id,
          name: PROJECT.name,
        },
        is_domain: false,
        roles: [{ id: 'r-1', name: 'member' }],
        catalog: [
          {
            type: 'identity',
            name: 'keystone',
            id: 'keystone',
            endpoints: [endpoint('public', 'RegionOne', 'identity')],
          },
          {
            type: 'orchestration',
            name: 'heat',
            id: 'heat',
            endpoints: [
              endpoint('public', 'RegionOne', 'heat'),
              endpoint('internal', 'RegionOne', 'heatinternal'),
              endpoint('public', 'RegionTwo', this.fake.regionTwoPath),
            ],
          },
        ],
      },
    };
  }
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

class HeatProjects {
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

/**
 * The fake Heat v1 (see fake-openstack.ts): /heat/v1/{project_id}/stacks, behind a token check
 * as keystonemiddleware does it, with Heat's documents and error bodies.
 */
import { randomUUID } from 'node:crypto';
import { expose, request, response, RestController } from 'pecan';
import type { StackOutput } from '../drivers/driver.js';
import { NO_DESCRIPTION, type ResourceStates } from '../drivers/hot-model.js';
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
  /** What the last finished action left, and what the running one will. */
  outputs: StackOutput[];
  resources: ResourceStates;
  next: { outputs: StackOutput[]; resources: ResourceStates };
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
        deleted: false,
        createdAt: new Date().toISOString(),
        updatedAt: null,
      };
      const stack: FakeStack = { ...created, ...this.fake.beginAction('CREATE', created) };
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
      const invalid = validate({ ...(request.json as object), stack_name: name }, this.fake);
      if (invalid) return invalid;
      Object.assign(stack, {
        template: (request.json as any).template,
        parameters: (request.json as any).parameters ?? {},
        updatedAt: new Date().toISOString(),
      });
      Object.assign(stack, this.fake.beginAction('UPDATE', stack));
      response.status = 202;
      return null;
    });
  }

  @expose('json') delete(name: string, id: string) {
    return this.#guard(() => {
      const stack = this.#find(name, id);
      if (stack instanceof Response) return stack;
      if (stack.status !== 'DELETE_IN_PROGRESS')
        Object.assign(stack, this.fake.beginAction('DELETE', stack));
      response.status = 204;
      return undefined;
    });
  }
}

/** The properties Heat 19 knows for the resources of its own the fake runs. */
const PROPERTIES: Record<string, readonly string[]> = {
  'OS::Heat::TestResource': [
    'value',
    'update_replace',
    'fail',
    'client_name',
    'entity_name',
    'wait_secs',
    'action_wait_secs',
    'attr_wait_secs',
    'constraint_prop_secs',
    'update_replace_value',
  ],
  'OS::Heat::RandomString': [
    'length',
    'sequence',
    'character_classes',
    'character_sequences',
    'salt',
  ],
  'OS::Heat::ResourceGroup': [
    'count',
    'index_var',
    'resource_def',
    'removal_policies',
    'removal_policies_mode',
  ],
};

/** The services behind the resource types the catalogue's nova templates use. */
const SERVICES: Record<string, string> = {
  'OS::Nova::Server': 'nova compute',
  'OS::Octavia::LoadBalancer': 'octavia load-balancer',
  'OS::Cinder::Volume': 'cinder volumev3',
  'OS::Cinder::VolumeAttachment': 'cinder volumev3',
};

/** Heat's refusal of a resource: an unknown property, a type whose service is missing. */
export function checkResource(path: string, definition: any, fake: FakeOpenStack): string | null {
  const type = definition?.type as string;
  const service = SERVICES[type];
  if (service && !fake.compute) {
    const [client, serviceType] = service.split(' ');
    return `ResourceTypeUnavailable: ${path}: HEAT-E99001 Service ${client} is not available for resource type ${type}, reason: ${client} ${serviceType} endpoint is not in service catalog.`;
  }
  const known = PROPERTIES[type];
  for (const key of Object.keys(definition?.properties ?? {}))
    if (known && !known.includes(key))
      return `Property error: ${path}.properties: Unknown Property ${key}`;
  if (type === 'OS::Heat::ResourceGroup')
    return checkResource(
      `${path}.properties.resource_def`,
      definition.properties?.resource_def,
      fake,
    );
  return null;
}

/** Heat's checks that the driver can trip: a template, and only the parameters it declares. */
function validate(body: any, fake: FakeOpenStack): Response | null {
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
  for (const [name, definition] of Object.entries(template.resources ?? {})) {
    const refused = checkResource(`resources.${name}`, definition, fake);
    if (refused) return heatError(400, 'StackValidationFailed', refused);
  }
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
    parameters: shownParameters(stack),
    outputs: shownOutputs(stack),
    disable_rollback: true,
    timeout_mins: 60,
    project: PROJECT.id,
    stack_owner: null,
    parent: null,
    tags: null,
    links: [{ href: selfLink(stack, base), rel: 'self' }],
  };
}

/** Heat shows every parameter as a string (Python's str()), the pseudo parameters too. */
function shownParameters(stack: FakeStack): Record<string, string> {
  const declared = (stack.template.parameters ?? {}) as Record<string, { default?: unknown }>;
  const values: Record<string, unknown> = {
    'OS::project_id': PROJECT.id,
    'OS::stack_id': stack.id,
    'OS::stack_name': stack.name,
  };
  for (const [name, spec] of Object.entries(declared))
    values[name] = stack.parameters[name] ?? spec.default ?? '';
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v),
    ]),
  );
}

/**
 * `outputs` as Heat's show has them: `{output_key, output_value, description}`, with
 * `output_error` when one cannot be resolved; unresolved (null) while a create runs.
 */
function shownOutputs(stack: FakeStack) {
  const creating = stack.status === 'CREATE_IN_PROGRESS';
  const outputs = creating
    ? Object.entries(
        (stack.template.outputs ?? {}) as Record<string, { description?: string }>,
      ).map(([key, o]): StackOutput => ({
        key,
        value: null,
        description: o.description ?? NO_DESCRIPTION,
      }))
    : stack.outputs;
  return outputs.map((o) => ({
    output_key: o.key,
    output_value: o.value,
    description: o.description,
    ...(o.error !== undefined && { output_error: o.error }),
  }));
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

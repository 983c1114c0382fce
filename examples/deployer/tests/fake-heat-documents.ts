/**
 * The fake Heat's documents, shaped as Heat 19's (/work/notes/heat-samples, captured from the
 * real one): a stack's show and its summary in lists, the error body, the 202 of an update.
 */
import type { StackOutput } from '../drivers/driver.js';
import { transientOutputs } from '../drivers/hot-model.js';
import type { FakeStack } from './fake-heat.js';
import { PROJECT, USER } from './fake-keystone.js';

const ERRORS: Record<number, [title: string, explanation: string]> = {
  400: [
    'Bad Request',
    'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  ],
  404: ['Not Found', 'The resource could not be found.'],
  409: ['Conflict', 'There was a conflict when trying to complete your request.'],
  503: [
    'Service Unavailable',
    'The server is currently unavailable. Please try again at a later time.',
  ],
};

/** Heat's error document: `{code, title, explanation, error: {type, traceback, message}}`. */
export function heatError(status: number, type: string, message: string): Response {
  const [title, explanation] = ERRORS[status] ?? ['Error', ''];
  return Response.json(
    { code: status, title, explanation, error: { type, traceback: null, message } },
    { status },
  );
}

/** What Heat answers a PUT with (202), HTML line breaks and all. */
export const ACCEPTED = {
  message: 'The request is accepted for processing.<br /><br />\n\n\n',
  code: '202 Accepted',
  title: 'Accepted',
};

/** The body of the 302 to a stack's canonical URL. */
export function found(location: string) {
  return {
    message: `The resource was found at <a href="${location}">${location}</a>;\nyou should be redirected automatically.\n\n`,
    code: '302 Found',
    title: 'Found',
  };
}

export function selfLink(stack: FakeStack, base: string): string {
  return `${base}/heat/v1/${PROJECT.id}/stacks/${stack.name}/${stack.id}`;
}

/** Heat's times: ISO 8601 to the second, in UTC. */
export function heatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stack in `GET /stacks`: the summary keys only; an empty description; `tags` null. */
export function listed(stack: FakeStack, base: string) {
  return {
    id: stack.id,
    links: [{ href: selfLink(stack, base), rel: 'self' }],
    stack_name: stack.name,
    description: '',
    stack_status: stack.status,
    stack_status_reason: stack.reason,
    creation_time: stack.createdAt,
    updated_time: stack.updatedAt,
    deletion_time: null,
    stack_owner: USER.name,
    parent: null,
    stack_user_project_id: stack.userProjectId,
    tags: null,
  };
}

/** `GET /stacks/{name}/{id}`: the whole stack; no `outputs` once it is DELETE_COMPLETE. */
export function show(stack: FakeStack, base: string) {
  const description = (stack.template.description as string | undefined) ?? '';
  return {
    stack_name: stack.name,
    id: stack.id,
    links: [{ href: selfLink(stack, base), rel: 'self' }],
    creation_time: stack.createdAt,
    updated_time: stack.updatedAt,
    deletion_time: null,
    notification_topics: [],
    parameters: shownParameters(stack),
    description,
    template_description: description,
    capabilities: [],
    disable_rollback: stack.disableRollback,
    timeout_mins: stack.timeoutMins,
    stack_owner: USER.name,
    parent: null,
    stack_user_project_id: stack.userProjectId,
    tags: [],
    stack_status: stack.status,
    stack_status_reason: stack.reason,
    ...(stack.status !== 'DELETE_COMPLETE' && { outputs: shownOutputs(stack) }),
  };
}

/** Heat shows every parameter as a string (Python's str()), the pseudo parameters first. */
function shownParameters(stack: FakeStack): Record<string, string> {
  const declared = (stack.template.parameters ?? {}) as Record<string, { default?: unknown }>;
  const values: Record<string, unknown> = {
    'OS::stack_id': stack.id,
    'OS::project_id': PROJECT.id,
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
 * `outputs` as Heat shows them at each point: resolved over no resources while a create runs
 * (a URL reads `http:///`), the last action's while an update runs, failing with
 * `output_error` while a delete runs.
 */
function shownOutputs(stack: FakeStack) {
  const context = { action: 'CREATE' as const, stackName: stack.name, stackId: stack.id };
  let outputs: StackOutput[] = stack.outputs;
  if (stack.status === 'CREATE_IN_PROGRESS')
    outputs = transientOutputs(stack.template as never, stack.parameters, context, 'unbuilt');
  else if (stack.status === 'DELETE_IN_PROGRESS')
    outputs = transientOutputs(stack.template as never, stack.parameters, context, 'deleting');
  return outputs.map((o) => ({
    output_key: o.key,
    description: o.description,
    ...(o.error !== undefined && { output_error: o.error }),
    output_value: o.value,
  }));
}

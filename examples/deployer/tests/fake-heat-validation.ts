/**
 * The fake Heat's refusals (400 StackValidationFailed), worded as Heat 19 words them
 * (/work/notes/heat-samples, captured from the real one): a bad stack name, an undeclared or
 * ill-typed parameter, an unknown property of one of Heat's own resources, a resource type
 * whose service the cloud does not have.
 */
import { heatError } from './fake-heat-documents.js';
import type { FakeOpenStack } from './fake-openstack.js';

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
      // Sic: Heat 19 words it with these empty ": " parts.
      return `Property error: : ${path}.properties: : Unknown Property ${key}`;
  if (type === 'OS::Heat::ResourceGroup')
    return checkResource(
      `${path}.properties.resource_def`,
      definition.properties?.resource_def,
      fake,
    );
  return null;
}

/** Heat's checks that the driver can trip: a template, and only the parameters it declares. */
export function validate(body: any, fake: FakeOpenStack): Response | null {
  const name = body?.stack_name;
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(name))
    return heatError(
      400,
      'StackValidationFailed',
      `Invalid stack name ${name} must contain only alphanumeric or "_-." characters, must start with alpha and must be 255 characters or less.`,
    );
  const template = body.template;
  if (typeof template?.heat_template_version !== 'string' || typeof template.resources !== 'object')
    return heatError(
      400,
      'StackValidationFailed',
      'The template section is invalid: heat_template_version',
    );
  const declared = (template.parameters ?? {}) as Record<string, { type?: string }>;
  for (const [key, value] of Object.entries(body.parameters ?? {})) {
    if (!(key in declared))
      return heatError(
        400,
        'UnknownUserParameter',
        `The Parameter (${key}) was not defined in template.`,
      );
    if (declared[key]!.type === 'number' && !Number.isFinite(Number(value)))
      return heatError(
        400,
        'StackValidationFailed',
        `Parameter '${key}' is invalid: could not convert string to float: '${value}'`,
      );
  }
  for (const [resource, definition] of Object.entries(template.resources ?? {})) {
    const refused = checkResource(`resources.${resource}`, definition, fake);
    if (refused) return heatError(400, 'StackValidationFailed', refused);
  }
  return null;
}

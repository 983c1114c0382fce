/**
 * What the test variants of the templates share: the two parameters a cloud without compute
 * needs, and the resource that stands in for a server. They use only Heat's own resources
 * (Heat 19 "Zed" and later): `OS::Heat::TestResource` waits `wait_secs` after each action and
 * fails the create or update when `fail` is true ("Test Resource failed <name>"), its `output`
 * attribute is its `value`; `OS::Heat::RandomString` makes passwords as on a real cloud;
 * `OS::Heat::None` stands in for what has nothing to simulate (a volume attachment).
 */
import type { HotParameter } from '../types.js';

export const TEST_PARAMETERS: Record<string, HotParameter> = {
  // Set by the deployer from its configuration (`templates.waitSecs`), as it sets flavor.
  wait_secs: {
    type: 'number',
    label: 'Seconds each resource takes',
    description: 'How long every test resource waits after its create, update or delete.',
    default: 0,
    constraints: [{ range: { min: 0, max: 3600 } }],
  },
  // The user's `simulate_failure: true`, as the simulated cloud reads it.
  simulate_failure: {
    type: 'boolean',
    label: 'Fail on purpose',
    description: 'Makes the servers fail their create or update, with Heat’s own reason.',
    default: false,
  },
};

/**
 * A TestResource standing for a server: its `value` (hence its `output` attribute) describes
 * it, so that a change of flavor or image changes the value and takes `wait_secs` to apply,
 * as a resize would.
 */
export function testServer(
  description: string,
  params: Record<string, unknown>,
  options: { fails?: boolean } = {},
) {
  return {
    type: 'OS::Heat::TestResource',
    properties: {
      value: { str_replace: { template: description, params } },
      wait_secs: { get_param: 'wait_secs' },
      ...(options.fails !== false && { fail: { get_param: 'simulate_failure' } }),
    },
  };
}

/** A made-up address under the reserved `.test` domain, unique to the stack. */
export function stackUrl(path = '/') {
  return {
    str_replace: {
      template: `http://STACK.example.test${path}`,
      params: { STACK: { get_param: 'OS::stack_name' } },
    },
  };
}

/** A TestResource standing for a load balancer: its `output` is the stack's own host name. */
export const testLoadBalancer = {
  type: 'OS::Heat::TestResource',
  properties: {
    value: {
      str_replace: {
        template: 'STACK.example.test',
        params: { STACK: { get_param: 'OS::stack_name' } },
      },
    },
    wait_secs: { get_param: 'wait_secs' },
  },
};

/** The `url` output: http:// and the load balancer's address. */
export function urlThroughLoadBalancer(description: string) {
  return {
    description,
    value: {
      str_replace: {
        template: 'http://host/',
        params: { host: { get_attr: ['load_balancer', 'output'] } },
      },
    },
  };
}

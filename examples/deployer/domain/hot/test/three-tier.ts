import { threeTier } from '../three-tier.js';
import type { HotTemplate } from '../types.js';
import { TEST_PARAMETERS, testLoadBalancer, testServer, urlThroughLoadBalancer } from './knobs.js';

/** three-tier.ts for a cloud without compute: the same parameters and outputs. */
export const threeTierTest: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'A three-tier web app, simulated with Heat test resources.',
  parameters: { ...threeTier.parameters, ...TEST_PARAMETERS },
  resources: {
    db_password: { type: 'OS::Heat::RandomString', properties: { length: 24 } },
    web_tier: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: testServer('web-%index% (flavor, image on network)', {
          flavor: { get_param: 'flavor' },
          image: { get_param: 'image' },
          network: { get_param: 'network' },
        }),
      },
    },
    app_tier: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: testServer('app-%index% (flavor, image on network), port', {
          flavor: { get_param: 'flavor' },
          image: { get_param: 'image' },
          network: { get_param: 'network' },
          port: { get_param: 'app_port' },
        }),
      },
    },
    db_volume: testServer(
      'volume of size GB',
      { size: { get_param: 'db_volume_size' } },
      {
        fails: false,
      },
    ),
    db_server: testServer(
      'postgresql (flavor, image on network)',
      {
        flavor: { get_param: 'flavor' },
        image: { get_param: 'image' },
        network: { get_param: 'network' },
      },
      { fails: false },
    ),
    // Nothing to simulate: it only orders the volume and the server before it.
    db_attachment: {
      type: 'OS::Heat::None',
      depends_on: ['db_server', 'db_volume'],
    },
    load_balancer: testLoadBalancer,
  },
  outputs: {
    url: urlThroughLoadBalancer('The web tier, through the load balancer'),
    db_password: {
      description: 'The password of the database role app',
      value: { get_attr: ['db_password', 'value'] },
    },
  },
};

import { staticSite } from '../static-site.js';
import type { HotTemplate } from '../types.js';
import { TEST_PARAMETERS, testLoadBalancer, testServer, urlThroughLoadBalancer } from './knobs.js';

/** static-site.ts for a cloud without compute: the same parameters and outputs. */
export const staticSiteTest: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'A static web site, simulated with Heat test resources.',
  parameters: { ...staticSite.parameters, ...TEST_PARAMETERS },
  resources: {
    web_servers: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: testServer('web-%index% (flavor, image on network): title', {
          flavor: { get_param: 'flavor' },
          image: { get_param: 'image' },
          network: { get_param: 'network' },
          title: { get_param: 'site_title' },
        }),
      },
    },
    // Its output stands for the load balancer's address.
    load_balancer: testLoadBalancer,
  },
  outputs: {
    url: urlThroughLoadBalancer('The site, through the load balancer'),
    servers: {
      description: 'The web servers',
      value: { get_attr: ['web_servers', 'output'] },
    },
  },
};

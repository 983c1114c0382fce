import { staticSite } from '../static-site.js';
import type { HotTemplate } from '../types.js';
import { TEST_PARAMETERS, testServer } from './knobs.js';

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
    load_balancer: {
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
    },
  },
  outputs: {
    url: {
      description: 'The site, through the load balancer',
      value: {
        str_replace: {
          template: 'http://host/',
          params: { host: { get_attr: ['load_balancer', 'output'] } },
        },
      },
    },
    servers: {
      description: 'The web servers',
      value: { get_attr: ['web_servers', 'output'] },
    },
  },
};

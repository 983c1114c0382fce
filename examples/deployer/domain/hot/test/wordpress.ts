import type { HotTemplate } from '../types.js';
import { wordpress } from '../wordpress.js';
import { TEST_PARAMETERS, testServer } from './knobs.js';

/** wordpress.ts for a cloud without compute: the same parameters and outputs. */
export const wordpressTest: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'A WordPress site, simulated with Heat test resources.',
  parameters: { ...wordpress.parameters, ...TEST_PARAMETERS },
  resources: {
    db_password: { type: 'OS::Heat::RandomString', properties: { length: 24 } },
    admin_password: { type: 'OS::Heat::RandomString', properties: { length: 16 } },
    db_server: testServer(
      'mysql (flavor, image on network): database db for user',
      {
        flavor: { get_param: 'flavor' },
        image: { get_param: 'image' },
        network: { get_param: 'network' },
        db: { get_param: 'db_name' },
        user: { get_param: 'db_user' },
      },
      { fails: false },
    ),
    // Created once the database server is up, as the real servers wait for its address.
    web_servers: {
      type: 'OS::Heat::ResourceGroup',
      depends_on: ['db_server', 'db_password', 'admin_password'],
      properties: {
        count: { get_param: 'count' },
        resource_def: testServer('wordpress-%index% (flavor, image on network): title', {
          flavor: { get_param: 'flavor' },
          image: { get_param: 'image' },
          network: { get_param: 'network' },
          title: { get_param: 'site_title' },
        }),
      },
    },
  },
  outputs: {
    url: {
      description: 'The blog, on the first web server',
      value: {
        str_replace: {
          template: 'http://STACK.example.test/',
          params: { STACK: { get_param: 'OS::stack_name' } },
        },
      },
    },
    admin_password: {
      description: 'The password of the WordPress user admin',
      value: { get_attr: ['admin_password', 'value'] },
    },
    servers: {
      description: 'The web servers',
      value: { get_attr: ['web_servers', 'output'] },
    },
  },
};

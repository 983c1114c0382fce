import type { HotTemplate } from './types.js';

/** N web servers behind a load balancer, each serving files from an object-store container. */
export const staticSite: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'A static web site: nginx servers behind an Octavia load balancer.',
  parameters: {
    flavor: { type: 'string', label: 'Flavor', default: 'm1.small' },
    count: {
      type: 'number',
      label: 'Web servers',
      default: 1,
      constraints: [{ range: { min: 1, max: 20 } }],
    },
    image: { type: 'string', label: 'Image', default: 'ubuntu-22.04' },
    network: { type: 'string', label: 'Network', default: 'private' },
    site_title: { type: 'string', label: 'Site title', default: 'My site' },
  },
  resources: {
    web_servers: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: {
          type: 'OS::Nova::Server',
          properties: {
            name: 'web-%index%',
            flavor: { get_param: 'flavor' },
            image: { get_param: 'image' },
            networks: [{ network: { get_param: 'network' } }],
            user_data: {
              str_replace: {
                template:
                  '#!/bin/sh\napt-get install -y nginx\necho "<h1>$title</h1>" > /var/www/html/index.html\n',
                params: { $title: { get_param: 'site_title' } },
              },
            },
          },
        },
      },
    },
    load_balancer: {
      type: 'OS::Octavia::LoadBalancer',
      properties: { vip_subnet: { get_param: 'network' } },
    },
  },
  outputs: {
    url: {
      description: 'The site, through the load balancer',
      value: {
        str_replace: {
          template: 'http://host/',
          params: { host: { get_attr: ['load_balancer', 'vip_address'] } },
        },
      },
    },
    servers: {
      description: 'The web servers',
      value: { get_attr: ['web_servers', 'name'] },
    },
  },
};

import type { HotTemplate } from './types.js';

/** A load-balanced web tier, an application tier of the same size, and a database volume. */
export const threeTier: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'A three-tier web app: web servers, application servers and a database server.',
  parameters: {
    flavor: { type: 'string', label: 'Flavor', default: 'm1.small' },
    count: {
      type: 'number',
      label: 'Servers per tier',
      default: 2,
      constraints: [{ range: { min: 1, max: 20 } }],
    },
    image: { type: 'string', label: 'Image', default: 'ubuntu-22.04' },
    network: { type: 'string', label: 'Network', default: 'private' },
    db_volume_size: {
      type: 'number',
      label: 'Database volume (GB)',
      default: 10,
      constraints: [{ range: { min: 1, max: 1000 } }],
    },
    app_port: { type: 'number', label: 'Application port', default: 8000 },
  },
  resources: {
    db_password: { type: 'OS::Heat::RandomString', properties: { length: 24 } },
    web_tier: {
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
          },
        },
      },
    },
    app_tier: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: {
          type: 'OS::Nova::Server',
          properties: {
            name: 'app-%index%',
            flavor: { get_param: 'flavor' },
            image: { get_param: 'image' },
            networks: [{ network: { get_param: 'network' } }],
            metadata: { port: { get_param: 'app_port' } },
          },
        },
      },
    },
    db_volume: {
      type: 'OS::Cinder::Volume',
      properties: { size: { get_param: 'db_volume_size' } },
    },
    db_server: {
      type: 'OS::Nova::Server',
      properties: {
        flavor: { get_param: 'flavor' },
        image: { get_param: 'image' },
        networks: [{ network: { get_param: 'network' } }],
        user_data: {
          str_replace: {
            template:
              '#!/bin/sh\napt-get install -y postgresql\nsu postgres -c "psql -c \\"CREATE ROLE app LOGIN PASSWORD \'$password\'\\""\n',
            params: { $password: { get_attr: ['db_password', 'value'] } },
          },
        },
      },
    },
    db_attachment: {
      type: 'OS::Cinder::VolumeAttachment',
      properties: {
        instance_uuid: { get_resource: 'db_server' },
        volume_id: { get_resource: 'db_volume' },
      },
    },
    load_balancer: {
      type: 'OS::Octavia::LoadBalancer',
      properties: { vip_subnet: { get_param: 'network' } },
    },
  },
  outputs: {
    url: {
      description: 'The web tier, through the load balancer',
      value: {
        str_replace: {
          template: 'http://host/',
          params: { host: { get_attr: ['load_balancer', 'vip_address'] } },
        },
      },
    },
    db_password: {
      description: 'The password of the database role app',
      value: { get_attr: ['db_password', 'value'] },
    },
  },
};

import type { HotTemplate } from './types.js';

/** WordPress on N web servers sharing one MySQL database server. */
export const wordpress: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'A WordPress site: PHP web servers and a MySQL database server.',
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
    db_name: { type: 'string', label: 'Database name', default: 'wordpress' },
    db_user: { type: 'string', label: 'Database user', default: 'wordpress' },
    site_title: { type: 'string', label: 'Site title', default: 'My blog' },
  },
  resources: {
    db_password: { type: 'OS::Heat::RandomString', properties: { length: 24 } },
    admin_password: { type: 'OS::Heat::RandomString', properties: { length: 16 } },
    db_server: {
      type: 'OS::Nova::Server',
      properties: {
        flavor: { get_param: 'flavor' },
        image: { get_param: 'image' },
        networks: [{ network: { get_param: 'network' } }],
        user_data: {
          str_replace: {
            template:
              "#!/bin/sh\napt-get install -y mysql-server\nmysql -e \"CREATE DATABASE $db; CREATE USER '$user'@'%' IDENTIFIED BY '$password'; GRANT ALL ON $db.* TO '$user'@'%';\"\n",
            params: {
              $db: { get_param: 'db_name' },
              $user: { get_param: 'db_user' },
              $password: { get_attr: ['db_password', 'value'] },
            },
          },
        },
      },
    },
    web_servers: {
      type: 'OS::Heat::ResourceGroup',
      properties: {
        count: { get_param: 'count' },
        resource_def: {
          type: 'OS::Nova::Server',
          properties: {
            name: 'wordpress-%index%',
            flavor: { get_param: 'flavor' },
            image: { get_param: 'image' },
            networks: [{ network: { get_param: 'network' } }],
            user_data: {
              str_replace: {
                template:
                  '#!/bin/sh\napt-get install -y wordpress\nwp core install --title="$title" --admin_user=admin --admin_password=$admin_password --dbhost=$dbhost --dbname=$db --dbuser=$user --dbpass=$password\n',
                params: {
                  $title: { get_param: 'site_title' },
                  $dbhost: { get_attr: ['db_server', 'first_address'] },
                  $db: { get_param: 'db_name' },
                  $user: { get_param: 'db_user' },
                  $password: { get_attr: ['db_password', 'value'] },
                  $admin_password: { get_attr: ['admin_password', 'value'] },
                },
              },
            },
          },
        },
      },
    },
  },
  outputs: {
    url: {
      description: 'The blog, on the first web server',
      value: {
        str_replace: {
          template: 'http://host/',
          params: { host: { get_attr: ['web_servers', 'resource.0.first_address'] } },
        },
      },
    },
    admin_password: {
      description: 'The password of the WordPress user admin',
      value: { get_attr: ['admin_password', 'value'] },
    },
    servers: {
      description: 'The web servers',
      value: { get_attr: ['web_servers', 'name'] },
    },
  },
};

# Keystone: its configuration, database and Fernet keys, served by uwsgi on 127.0.0.1:5000
# (Debian's own uwsgi settings, 8 processes x 32 threads on every interface, are sized for a
# big controller, not a 2-core machine), then `keystone-manage bootstrap`: the admin user and
# project, the Default domain, the identity service and its endpoints in RegionOne.
cat >/etc/keystone/keystone.conf <<CONF
[DEFAULT]
log_dir = /var/log/keystone
log_file = keystone.log

[database]
connection = postgresql+psycopg2://keystone:${KEYSTONE_DB_PASSWORD}@127.0.0.1/keystone

[token]
provider = fernet
# Seconds a token lives (Keystone's default). Clients renew before it runs out.
expiration = 3600

[catalog]
template_file = /etc/keystone/default_catalog.templates

[federation]
sso_callback_template = /etc/keystone/sso_callback_template.html

[oslo_policy]
policy_dirs = /etc/keystone/policy.d
CONF
chown root:keystone /etc/keystone/keystone.conf
chmod 0640 /etc/keystone/keystone.conf

keystone-manage --config-file /etc/keystone/keystone.conf db_sync
keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone
keystone-manage credential_setup --keystone-user keystone --keystone-group keystone
# The log file is first written by the root commands above; uwsgi runs as keystone.
touch /var/log/keystone/keystone.log /var/log/keystone/uwsgi.log
chown keystone:adm /var/log/keystone/keystone.log /var/log/keystone/uwsgi.log

cat >/etc/keystone/pecan-uwsgi.ini <<'INI'
[uwsgi]
plugins = python3
http-socket = 127.0.0.1:5000
# uwsgi closes an http-socket connection after each response: say so, or a client that reuses
# the connection (python-requests does) has its next request reset.
add-header = Connection: close
wsgi-file = /usr/bin/keystone-wsgi-public
master = true
processes = 2
threads = 4
enable-threads = true
lazy-apps = true
die-on-term = true
uid = keystone
gid = keystone
chdir = /var/lib/keystone
buffer-size = 65535
INI
start_daemon keystone

keystone-manage bootstrap --bootstrap-password "$ADMIN_PASSWORD" \
  --bootstrap-admin-url http://127.0.0.1:5000/v3/ \
  --bootstrap-internal-url http://127.0.0.1:5000/v3/ \
  --bootstrap-public-url http://127.0.0.1:5000/v3/ \
  --bootstrap-region-id RegionOne

# The administrator's credentials, as an OpenStack RC file.
cat >/etc/pecan/openstack/admin-openrc <<RC
export OS_AUTH_URL=http://127.0.0.1:5000/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin
export OS_PASSWORD=${ADMIN_PASSWORD}
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
RC
chmod 0600 /etc/pecan/openstack/admin-openrc

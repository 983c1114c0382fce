# Heat: its service user and endpoints in Keystone, the stack domain Heat creates its stacks'
# users in, its configuration (Keystone for tokens and trusts, RabbitMQ between heat-api and
# heat-engine and for its notifications, PostgreSQL), its database; then heat-engine and
# heat-api, run as the heat user. Needs admin-openrc (keystone.sh).
source /etc/pecan/openstack/admin-openrc
openstack project create --or-show --domain Default --description 'Service accounts' service -f value -c id >/dev/null
openstack user create --or-show --domain Default --password "$HEAT_PASSWORD" heat -f value -c id >/dev/null
openstack user set --password "$HEAT_PASSWORD" heat
openstack role add --project service --user heat admin
openstack service show orchestration >/dev/null 2>&1 ||
  openstack service create --name heat --description 'Orchestration' orchestration >/dev/null
for interface in public internal admin; do
  [[ -n $(openstack endpoint list --service orchestration --interface "$interface" -f value -c ID) ]] ||
    openstack endpoint create --region RegionOne orchestration "$interface" \
      'http://127.0.0.1:8004/v1/%(tenant_id)s' >/dev/null
done
# heat_stack_owner may manage stacks; heat_stack_user is what Heat gives the users it creates.
openstack role create --or-show heat_stack_owner -f value -c id >/dev/null
openstack role create --or-show heat_stack_user -f value -c id >/dev/null
openstack domain create --or-show --description 'Users Heat creates for stacks' heat -f value -c id >/dev/null
openstack user create --or-show --domain heat --password "$HEAT_DOMAIN_ADMIN_PASSWORD" heat_domain_admin -f value -c id >/dev/null
openstack user set --domain heat --password "$HEAT_DOMAIN_ADMIN_PASSWORD" heat_domain_admin
openstack role add --domain heat --user-domain heat --user heat_domain_admin admin

cat >/etc/heat/heat.conf <<CONF
[DEFAULT]
log_dir = /var/log/heat
transport_url = rabbit://openstack:${RABBIT_PASSWORD}@127.0.0.1:5672/
region_name_for_services = RegionOne
stack_user_domain_name = heat
stack_domain_admin = heat_domain_admin
stack_domain_admin_password = ${HEAT_DOMAIN_ADMIN_PASSWORD}
heat_metadata_server_url = http://127.0.0.1:8000
heat_waitcondition_server_url = http://127.0.0.1:8000/v1/waitcondition
num_engine_workers = 2

[database]
connection = postgresql+psycopg2://heat:${HEAT_DB_PASSWORD}@127.0.0.1/heat

[heat_api]
bind_host = 127.0.0.1
bind_port = 8004
workers = 1

[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:5000
auth_url = http://127.0.0.1:5000
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = heat
password = ${HEAT_PASSWORD}
region_name = RegionOne

[trustee]
auth_type = password
auth_url = http://127.0.0.1:5000
username = heat
password = ${HEAT_PASSWORD}
user_domain_name = Default

[clients_keystone]
auth_uri = http://127.0.0.1:5000

[ec2authtoken]
auth_uri = http://127.0.0.1:5000/v3

# Stack events on RabbitMQ (exchange heat, topics notifications.info / .error), the
# oslo.messaging v2 envelope: what the notifier can subscribe to.
[oslo_messaging_notifications]
driver = messagingv2

[oslo_policy]
policy_dirs = /etc/heat/policy.d
CONF
chown root:heat /etc/heat/heat.conf
chmod 0640 /etc/heat/heat.conf

runuser -u heat -- heat-manage --config-file /etc/heat/heat.conf db_sync
start_daemon heat-engine
start_daemon heat-api

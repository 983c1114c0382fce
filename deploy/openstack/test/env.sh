# The environment of `npm run test:openstack`, from what deploy/openstack/up.sh made: the
# deployer's OS_* credentials and the URL of the broker Heat publishes its notifications on.
set -a
source /etc/pecan/openstack/deployer-openrc
OPENSTACK_AMQP_URL=amqp://openstack:$(sed -n 's/^RABBIT_PASSWORD=//p' /etc/pecan/openstack/secrets.env)@127.0.0.1:5672/
set +a

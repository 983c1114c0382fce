# The cloud account the deployer works in: a project of its own and a user that is a member
# of it (and may own stacks), with its RC file: the deployer's DEPLOYER_DRIVER=openstack reads
# these OS_* variables.
source /etc/pecan/openstack/admin-openrc
openstack project create --or-show --domain Default --description 'The deployer' deployer -f value -c id >/dev/null
openstack user create --or-show --domain Default --password "$DEPLOYER_OS_PASSWORD" deployer -f value -c id >/dev/null
openstack user set --password "$DEPLOYER_OS_PASSWORD" deployer
openstack role add --project deployer --user deployer member
openstack role add --project deployer --user deployer heat_stack_owner
cat >/etc/pecan/openstack/deployer-openrc <<RC
export OS_AUTH_URL=http://127.0.0.1:5000/v3
export OS_USERNAME=deployer
export OS_PASSWORD=${DEPLOYER_OS_PASSWORD}
export OS_PROJECT_NAME=deployer
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
RC
chmod 0600 /etc/pecan/openstack/deployer-openrc

#!/usr/bin/env bash
# Keystone + Heat on this machine, from Debian's packages, configured without a question:
#   install.sh   the packages (apt-get: nothing to do when they are there)
#   backends.sh  RabbitMQ and PostgreSQL: accounts and databases
#   keystone.sh  Keystone under uwsgi on 127.0.0.1:5000, bootstrapped (admin, RegionOne)
#   heat.sh      Heat's user, endpoints and stack domain; heat-engine and heat-api on :8004
#   project.sh   the deployer's project and user, /etc/pecan/openstack/deployer-openrc
# then waits until a stack list goes through Keystone, heat-api and heat-engine. Run as root;
# running it again reconfigures and restarts what it runs. deploy/openstack/down.sh stops it.
# Passwords are made once, in /etc/pecan/openstack/secrets.env (0600).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OPENSTACK_STATE=/run/pecan-openstack
BEGAN=$(date +%s)
say() { echo "== openstack ($(($(date +%s) - BEGAN)) s): $*"; }
# Runs one step file in a subshell, its output in $OPENSTACK_STATE/<step>.log (shown if it fails:
# keystone-manage and heat-manage are chatty, and may print tracebacks at exit yet succeed).
step() {
  local name=$1
  say "$2 (deploy/openstack/$name.sh)"
  if ! (set -euo pipefail; source "$HERE/daemons.sh"; source "$HERE/$name.sh") >"$OPENSTACK_STATE/$name.log" 2>&1; then
    tail -n 40 "$OPENSTACK_STATE/$name.log" >&2
    fail "$name.sh failed (whole log: $OPENSTACK_STATE/$name.log)"
  fi
}
fail() { echo "openstack: $*" >&2; exit 1; }
((EUID == 0)) || fail "run me as root: I install packages and start daemons"

mkdir -p "$OPENSTACK_STATE" /etc/pecan/openstack
chmod 0700 /etc/pecan/openstack
touch "$OPENSTACK_STATE/started"
# What a previous run started is stopped first, so that new settings take effect.
bash "$HERE/down.sh" --keep-backends

step install "Keystone and Heat from Debian's packages"

secrets=/etc/pecan/openstack/secrets.env
if [[ ! -f $secrets ]]; then
  umask 077
  for name in KEYSTONE_DB HEAT_DB ADMIN HEAT HEAT_DOMAIN_ADMIN RABBIT DEPLOYER_OS; do
    echo "${name}_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr +/ -_)"
  done >"$secrets"
  umask 022
fi
set -a
source "$secrets"
set +a
export OPENSTACK_STATE
step backends "RabbitMQ and PostgreSQL"
step keystone "Keystone"
curl -fsS http://127.0.0.1:5000/v3 >/dev/null || fail "Keystone does not answer on 127.0.0.1:5000"
step heat "Heat"
step project "the deployer's project"

# Through Keystone (a token), heat-api (the API) and heat-engine (over RabbitMQ).
ready() { (source /etc/pecan/openstack/deployer-openrc && openstack stack list >/dev/null 2>&1); }
for _ in $(seq 1 60); do ready && break; sleep 1; done
ready || fail "Heat does not answer a stack list (logs: /var/log/heat/)"
say "Keystone on http://127.0.0.1:5000/v3 and Heat on http://127.0.0.1:8004 answer"

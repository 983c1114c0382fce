#!/usr/bin/env bash
# Stops what deploy/openstack/up.sh started: heat-api, heat-engine and Keystone, and RabbitMQ
# and PostgreSQL if it was up.sh that started them (not with --keep-backends).
set -uo pipefail
OPENSTACK_STATE=/run/pecan-openstack
[[ -d $OPENSTACK_STATE ]] || exit 0
source "$(dirname "$0")/daemons.sh"
for daemon in heat-api heat-engine keystone; do stop_daemon "$daemon"; done
[[ ${1:-} == --keep-backends ]] && exit 0
if grep -qx rabbitmq "$OPENSTACK_STATE/started" 2>/dev/null; then
  rabbitmqctl -q stop 2>/dev/null
  epmd -kill >/dev/null 2>&1
fi
if grep -qx postgresql "$OPENSTACK_STATE/started" 2>/dev/null; then
  pg_ctlcluster 15 main stop -m fast 2>/dev/null
fi
rm -f "$OPENSTACK_STATE/started"
exit 0

#!/usr/bin/env bash
# The OpenStack test (issue 17): Keystone and Heat from Debian's packages, installed and
# configured by deploy/openstack/up.sh on the machine's PostgreSQL and RabbitMQ, then
# `npm run test:openstack`: the openstack driver and the whole reference system against them
# (examples/tests/openstack/). Stops what it started, failed or not. Needs root and `npm ci`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
BEGAN=$(date +%s)
say() { echo "== openstack test ($(($(date +%s) - BEGAN)) s): $*"; }
((EUID == 0)) || { echo "run me as root: I install packages and start daemons" >&2; exit 1; }

finish() {
  local status=$?
  say "stopping Keystone, Heat and what up.sh started"
  bash deploy/openstack/down.sh
  if ((status != 0)); then
    for log in /var/log/heat/heat-engine.log /var/log/heat/heat-api.log /var/log/keystone/keystone.log; do
      [[ -f $log ]] && grep -a ' ERROR ' "$log" | tail -n 15 | sed "s|^|  $log: |" >&2
    done
  fi
  say "done, status $status"
}
trap finish EXIT

bash deploy/openstack/up.sh
source deploy/openstack/test/env.sh
say "npm run test:openstack"
npm run --silent test:openstack

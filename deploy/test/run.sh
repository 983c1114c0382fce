#!/usr/bin/env bash
# The deployment test (issue 16): the reference system hosted the ways docs/deployment.md
# describes, on this machine's Debian packages, driven through the front server's ports only.
#
#   1. Apache httpd + Passenger hosts both services (deploy/apache/{deployer,notifier}.conf),
#      ≥ 2 app processes each; waves of deployments created, scaled and deleted while faults
#      are injected (FAULTS, see faults.ts); then every lifecycle must have finished, no request
#      may have failed beyond the documented retry, every notification must have raised its
#      alarm exactly once; throughput and notification latency are reported.
#   2. The systemd units' command lines (deploy/systemd/*.service) behind Apache's mod_proxy
#      (deploy/apache/proxy-*.conf): what the apps see of the client, and that nobody reaching
#      them around the proxy can spoof X-Forwarded-*; a short flow through it.
#   3. The same behind nginx (deploy/nginx/pecan.conf) on a private prefix.
#
# DEPLOY_TEST_STACK=production (the default): PostgreSQL and RabbitMQ, the machine's own
# clusters, with restarts of both among the faults; embedded: SQLite files and the http
# transport. Needs root, apache2, libapache2-mod-passenger, nginx, postgresql and
# rabbitmq-server (.ci/run installs them), and `npm ci` done. It takes the machine's Apache,
# PostgreSQL 15/main and RabbitMQ for itself (refusing if one already runs), uses /srv/pecan
# (a link to this checkout when absent), /var/lib/pecan and the databases deployer and
# notifier (emptied), and stops
# whatever it started when it ends, failed or not. The install commands it runs are
# deploy/steps/*.sh, the very blocks docs/deployment.md shows.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STEPS=$ROOT/deploy/steps
TMP=$(mktemp -d /tmp/pecan-deploy-test.XXXXXX)
# production: PostgreSQL and RabbitMQ, the machine's own (started here); embedded: SQLite files
# and the http transport (the deployer POSTs notifications to the notifier through the proxy).
STACK=${DEPLOY_TEST_STACK:-production}
case $STACK in
  production) default_faults=kill-app-process,restart-deployer,restart-notifier,apache-graceful,restart-rabbitmq,restart-postgresql ;;
  embedded) default_faults=kill-app-process,restart-deployer,restart-notifier,apache-graceful ;;
  *) echo "DEPLOY_TEST_STACK must be production or embedded" >&2; exit 2 ;;
esac
export FAULTS=${FAULTS:-$default_faults}
export PECAN_HOME=/srv/pecan
BEGAN=$(date +%s)
TSX=(node --import tsx)

say() { echo "== deploy test ($(($(date +%s) - BEGAN)) s): $*"; }
fail() { echo "deploy test: $*" >&2; exit 1; }

# Polls a command until it succeeds, for at most $1 seconds.
wait_for() {
  local seconds=$1
  shift
  local deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    (($(date +%s) < deadline)) || fail "gave up after ${seconds} s waiting for: $*"
    sleep 0.5
  done
}

apache_running() { [[ -f /var/run/apache2/apache2.pid ]] && kill -0 "$(cat /var/run/apache2/apache2.pid)" 2>/dev/null; }
processes() { passenger-status 2>/dev/null | awk -v g="$1:" '$1 == g {on=1; next} /^[^ ]/ {on=0} on && /\* PID:/ {n++} END {print n+0}'; }
full_pool() { (($(processes pecan-deployer) >= 2 && $(processes pecan-notifier) >= 2)); }

# --- Clean-up: everything this script started, whatever happened --------------------------
LINKED=''
APACHE=''
NGINX=''
RABBIT=''
POSTGRES=''
UNIT_PIDS=()
cleanup() {
  local status=$?
  set +eu
  say "cleaning up"
  for pid in "${UNIT_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${UNIT_PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null
  done
  if [[ -n $NGINX ]]; then nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -s stop 2>/dev/null; fi
  if [[ -n $APACHE ]]; then
    apache2ctl stop 2>/dev/null
    for _ in $(seq 1 40); do apache_running || break; sleep 0.5; done
    a2dissite -q deployer notifier proxy-deployer proxy-notifier 2>/dev/null
    a2disconf -q pecan-passenger 2>/dev/null
    rm -f /etc/apache2/sites-available/{deployer,notifier,proxy-deployer,proxy-notifier}.conf \
      /etc/apache2/conf-available/pecan-passenger.conf
  fi
  if [[ -n $RABBIT ]]; then
    rabbitmqctl -q stop 2>/dev/null
    epmd -kill >/dev/null 2>&1 # the default-port epmd RabbitMQ started
    if [[ -f $TMP/rabbitmq-env.conf.orig ]]; then cp "$TMP/rabbitmq-env.conf.orig" /etc/rabbitmq/rabbitmq-env.conf; fi
  fi
  if [[ -n $RABBIT || -n $POSTGRES ]]; then
    a2disconf -q pecan-secrets 2>/dev/null
    rm -f /etc/apache2/conf-available/pecan-secrets.conf /etc/pecan/deployer.env /etc/pecan/notifier.env
  fi
  [[ -n $POSTGRES ]] && pg_ctlcluster 15 main stop -m fast 2>/dev/null
  [[ -n $LINKED ]] && rm -f /srv/pecan
  if ((status != 0)); then
    echo "deploy test FAILED (status $status); logs in $TMP" >&2
    tail -n 40 /var/log/apache2/error.log 2>/dev/null | sed 's/^/  apache error.log: /' >&2
  else
    rm -rf "$TMP"
  fi
  say "done, status $status"
}
trap cleanup EXIT

# --- Preconditions -----------------------------------------------------------------------------
((EUID == 0)) || fail "run me as root: I install Apache sites and start daemons"
for tool in apache2ctl passenger-status passenger-config nginx setpriv curl; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install apache2 libapache2-mod-passenger nginx)"
done
apache_running && fail "apache2 is already running; the deployment test needs it to itself (apache2ctl stop)"
if [[ $STACK == production ]]; then
  command -v rabbitmq-server >/dev/null || fail "rabbitmq-server is missing"
  command -v pg_ctlcluster >/dev/null || fail "postgresql is missing"
  rabbitmqctl -q status >/dev/null 2>&1 && fail "RabbitMQ is already running; the deployment test needs it to itself"
  pg_ctlcluster 15 main status >/dev/null 2>&1 && fail "PostgreSQL 15/main is already running; the deployment test needs it to itself"
fi

# Empty databases (and an empty queue): the counts of each phase start from zero.
fresh_databases() {
  rm -f /var/lib/pecan/*.sqlite /var/lib/pecan/*.sqlite-*
  if [[ $STACK == production ]]; then
    runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 \
      -c 'DROP DATABASE IF EXISTS deployer WITH (FORCE)' -c 'DROP DATABASE IF EXISTS notifier WITH (FORCE)'
    (source "$STEPS/postgresql.sh")
    # Deleted, not purged: a queue left by another version may have other arguments, and the
    # services' declaration of it would fail (PRECONDITION_FAILED).
    rabbitmqctl -q delete_queue notifier >/dev/null 2>&1 || true
    rabbitmqctl -q delete_queue notifier.dead >/dev/null 2>&1 || true
  fi
}
if [[ -e /srv/pecan ]]; then
  [[ $(readlink -f /srv/pecan) == "$ROOT" ]] || fail "/srv/pecan exists and is not this checkout"
else
  mkdir -p /srv
  ln -s "$ROOT" /srv/pecan
  LINKED=1
fi
# The app user must read the checkout (it only reads it).
[[ $(stat -c %A "$ROOT") == ?????????x || $(stat -c %A "$ROOT") == ???????r-x ]] ||
  fail "$ROOT is not readable by others: the app user could not load it"

# --- 1. Apache + Passenger -----------------------------------------------------------------------
say "user, folders and build (deploy/steps/user.sh, build.sh)"
source "$STEPS/user.sh"
(source "$STEPS/build.sh") >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log"; fail "build failed"; }
if [[ $STACK == production ]]; then
  say "RabbitMQ, PostgreSQL and the secrets (deploy/steps/rabbitmq.sh, postgresql.sh, secrets.sh)"
  AMQP_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr +/ -_)
  PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr +/ -_)
  [[ -f /etc/rabbitmq/rabbitmq-env.conf ]] && cp /etc/rabbitmq/rabbitmq-env.conf "$TMP/rabbitmq-env.conf.orig"
  RABBIT=1
  (source "$STEPS/rabbitmq.sh")
  rabbitmqctl -q await_startup || fail "RabbitMQ did not start"
  POSTGRES=1
  (source "$STEPS/postgresql.sh")
  (source "$STEPS/secrets.sh")
fi
fresh_databases

say "Apache + Passenger (deploy/steps/apache-passenger.sh), stack: $STACK"
APACHE=1
(source "$STEPS/apache-passenger.sh")
wait_for 60 curl -fsS http://127.0.0.1:8080/v1/deployments
wait_for 60 curl -fsS http://127.0.0.1:8081/v1/stats
wait_for 60 full_pool
(source "$STEPS/check-passenger.sh") >"$TMP/check-passenger.log"
say "both services up: $(processes pecan-deployer) deployer and $(processes pecan-notifier) notifier processes"

# Static files come from Apache (no Passenger header), with their caching header.
headers=$(curl -fsSI http://127.0.0.1:8080/css/style.css)
grep -qi '^cache-control: public, max-age=3600' <<<"$headers" || fail "no caching header on /css/style.css"
grep -qi '^x-powered-by: phusion' <<<"$headers" && fail "/css/style.css went through Passenger"
# Passenger's socket is private, so the apps trust every X-Forwarded-*; the vhosts set them from
# the connection: a client's own copies change nothing.
location=$(curl -fsS -o /dev/null -w '%{redirect_url}' -H 'Host: deployer.example.org:8080' \
  -H 'X-Forwarded-Host: evil.example' -H 'X-Forwarded-Proto: https' http://127.0.0.1:8080/v1)
[[ $location == http://deployer.example.org:8080/v1/ ]] || fail "spoofed X-Forwarded-* under Passenger: $location"

say "the flow, with faults: $FAULTS"
log_start=$(($(wc -l </var/log/apache2/error.log) + 1))
"${TSX[@]}" "$ROOT/deploy/test/flow.ts" | tee "$TMP/flow.log"
# What the app processes said meanwhile (Passenger copies their output into Apache's error log):
# no request failed inside them (the workers may log errors while the database restarts), and
# the processes Passenger stopped went through the graceful shutdown.
tail -n "+$log_start" /var/log/apache2/error.log >"$TMP/apps.log"
if grep -a '^App [0-9]* output: .* Unhandled error' "$TMP/apps.log"; then fail "requests failed inside the apps (above)"; fi
stopped=$(grep -ac 'Passenger shutdown: stopping' "$TMP/apps.log" || true)
if [[ $FAULTS =~ restart-deployer|restart-notifier|apache-graceful ]]; then
  ((stopped > 0)) || fail "no app process went through the graceful shutdown"
fi
say "$stopped app processes stopped gracefully by Passenger, no unhandled errors"
say "throughput through Apache + Passenger"
"${TSX[@]}" "$ROOT/deploy/test/bench.ts" | tee "$TMP/bench.log"
full_pool || fail "fewer than 2 processes per service after the flow"

# --- 2. pecan serve (the systemd units' command lines) behind Apache's mod_proxy ------------------
say "the systemd units' ExecStart, behind Apache mod_proxy (deploy/steps/apache-proxy.sh)"
(source "$STEPS/apache-proxy.sh")
wait_for 60 bash -c '! passenger-status 2>/dev/null | grep -q "PID:"'
# A fresh start: new databases, and none of the notifications of the benchmark's deployments.
fresh_databases
for service in deployer notifier; do
  : >"$TMP/$service.log"
  chmod 644 "$TMP/$service.log"
  UNIT_PIDS+=("$("${TSX[@]}" "$ROOT/deploy/test/start-unit.ts" "$ROOT/deploy/systemd/$service.service" "$TMP/$service.log")")
done
wait_for 60 curl -fsS http://127.0.0.1:8080/v1/deployments
wait_for 60 curl -fsS http://127.0.0.1:8081/v1/stats
"${TSX[@]}" "$ROOT/deploy/test/proxy-checks.ts" 'Apache mod_proxy' "$TMP/deployer.log" "$TMP/notifier.log"
FAULTS='' FLOW_WAVE=4 "${TSX[@]}" "$ROOT/deploy/test/flow.ts" | tee "$TMP/flow-proxy.log"

# --- 3. The same behind nginx -------------------------------------------------------------------
say "behind nginx (deploy/nginx/pecan.conf, private prefix $TMP/nginx)"
apache2ctl stop
wait_for 20 bash -c '! (exec 3<>/dev/tcp/127.0.0.1/8080)'
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<CONF
# The test's own nginx: Debian's binary, this folder for its state, the recipe's server blocks.
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
worker_processes 1;
events {}
http {
    include /etc/nginx/mime.types;
    access_log $TMP/nginx/access.log;
    client_body_temp_path $TMP/nginx/client_body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    include $ROOT/deploy/nginx/pecan.conf;
}
CONF
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -t 2>&1 | sed 's/^/  /'
NGINX=1
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf"
wait_for 30 curl -fsS http://127.0.0.1:8080/v1/deployments
"${TSX[@]}" "$ROOT/deploy/test/proxy-checks.ts" nginx "$TMP/deployer.log" "$TMP/notifier.log"
FAULTS='' FLOW_WAVE=4 "${TSX[@]}" "$ROOT/deploy/test/flow.ts" | tee "$TMP/flow-nginx.log"

say "passed in $(($(date +%s) - BEGAN)) s"
grep -h '^flow: {' "$TMP/flow.log" | sed 's/^flow: /  Passenger flow: /'
grep -h '^bench: ' "$TMP/bench.log" | sed 's/^bench: /  throughput: /'

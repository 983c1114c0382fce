# The OpenStack daemons, started and stopped without systemd: start-stop-daemon keeps each
# one's pid in $OPENSTACK_STATE (/run/pecan-openstack). With systemd, Debian's units do this.
#   bash deploy/openstack/daemons.sh start|stop|status keystone|heat-engine|heat-api
OPENSTACK_STATE=${OPENSTACK_STATE:-/run/pecan-openstack}

daemon_command() {
  case $1 in
    keystone) echo "/usr/bin/uwsgi --ini /etc/keystone/pecan-uwsgi.ini" ;;
    heat-engine | heat-api) echo "/usr/bin/$1 --config-file /etc/heat/heat.conf" ;;
    *) return 1 ;;
  esac
}

start_daemon() {
  local name=$1 user log
  local -a command
  read -ra command <<<"$(daemon_command "$name")" || { echo "unknown daemon $name" >&2; return 2; }
  case $name in
    keystone) user=root log=/var/log/keystone/uwsgi.log ;; # uwsgi drops to keystone itself
    *) user=heat log=/var/log/heat/$name.out ;;
  esac
  mkdir -p "$OPENSTACK_STATE"
  start-stop-daemon --start --quiet --background --make-pidfile \
    --pidfile "$OPENSTACK_STATE/$name.pid" --chuid "$user" --output "$log" \
    --exec "${command[0]}" -- "${command[@]:1}"
  # The APIs are started once they answer (heat-engine has no port: heat-api's answers need it).
  local url
  case $name in
    keystone) url=http://127.0.0.1:5000/v3 ;;
    heat-api) url=http://127.0.0.1:8004/ ;;
    *) return 0 ;;
  esac
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "$url" && return 0
    daemon_running "$name" || { echo "$name exited at start (see $log)" >&2; return 1; }
    sleep 0.5
  done
  echo "$name does not answer on $url (see $log)" >&2
  return 1
}

stop_daemon() {
  local pidfile=$OPENSTACK_STATE/$1.pid
  [[ -f $pidfile ]] || return 0
  start-stop-daemon --stop --quiet --pidfile "$pidfile" --remove-pidfile --retry TERM/15/KILL/5 ||
    rm -f "$pidfile"
}

daemon_running() {
  start-stop-daemon --status --pidfile "$OPENSTACK_STATE/$1.pid"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  case ${1:-} in
    start) start_daemon "$2" ;;
    stop) stop_daemon "$2" ;;
    status) daemon_running "$2" ;;
    *) echo "usage: $0 start|stop|status keystone|heat-engine|heat-api" >&2; exit 2 ;;
  esac
fi

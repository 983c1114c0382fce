# The message broker and the database Keystone and Heat use: the machine's RabbitMQ and
# PostgreSQL 15 (started when they are not running), an AMQP account for Heat's engine, and a
# role and a database each for Keystone and Heat. The passwords come from secrets.env.
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  grep -q '^NODE_IP_ADDRESS=127.0.0.1' /etc/rabbitmq/rabbitmq-env.conf 2>/dev/null ||
    printf 'NODE_IP_ADDRESS=127.0.0.1\nERL_EPMD_ADDRESS=127.0.0.1\n' >>/etc/rabbitmq/rabbitmq-env.conf
  rabbitmq-server -detached
  echo rabbitmq >>"$OPENSTACK_STATE/started"
fi
for _ in $(seq 1 60); do rabbitmqctl -q await_startup 2>/dev/null && break; sleep 1; done
rabbitmqctl -q add_user openstack "$RABBIT_PASSWORD" 2>/dev/null ||
  rabbitmqctl -q change_password openstack "$RABBIT_PASSWORD"
rabbitmqctl -q set_permissions -p / openstack '.*' '.*' '.*'

if ! pg_ctlcluster 15 main status >/dev/null 2>&1; then
  pg_ctlcluster 15 main start
  echo postgresql >>"$OPENSTACK_STATE/started"
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 \
  -v keystone="$KEYSTONE_DB_PASSWORD" -v heat="$HEAT_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE keystone LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keystone')
\gexec
ALTER ROLE keystone PASSWORD :'keystone';
SELECT 'CREATE DATABASE keystone OWNER keystone'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'keystone')
\gexec
SELECT 'CREATE ROLE heat LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'heat')
\gexec
ALTER ROLE heat PASSWORD :'heat';
SELECT 'CREATE DATABASE heat OWNER heat'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'heat')
\gexec
SQL

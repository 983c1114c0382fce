# PostgreSQL: the machine's cluster (it listens on localhost only), a role for the services
# and a database for each. PG_PASSWORD: choose one, as for RabbitMQ.
pg_ctlcluster 15 main status >/dev/null || pg_ctlcluster 15 main start   # or: systemctl start postgresql
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -v password="$PG_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE pecan LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pecan')
\gexec
ALTER ROLE pecan PASSWORD :'password';
SELECT 'CREATE DATABASE deployer OWNER pecan'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'deployer')
\gexec
SELECT 'CREATE DATABASE notifier OWNER pecan'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'notifier')
\gexec
SQL

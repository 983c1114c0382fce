# The broker's and the database's URLs, passwords included, where only root (Apache reads them
# at start-up) and the services (systemd's EnvironmentFile=) can read them. Without these
# files the services keep SQLite files and the http transport.
AMQP_URL="amqp://pecan:$AMQP_PASSWORD@127.0.0.1:5672"
PG_URL="postgres://pecan:$PG_PASSWORD@127.0.0.1:5432"
install -m 0600 /dev/null /etc/apache2/conf-available/pecan-secrets.conf
cat >/etc/apache2/conf-available/pecan-secrets.conf <<CONF
Define PECAN_AMQP_URL $AMQP_URL
Define PECAN_DEPLOYER_DATABASE $PG_URL/deployer
Define PECAN_NOTIFIER_DATABASE $PG_URL/notifier
CONF
a2enconf -q pecan-secrets
install -d -m 0750 -g pecan /etc/pecan
install -m 0640 -g pecan /dev/null /etc/pecan/deployer.env
install -m 0640 -g pecan /dev/null /etc/pecan/notifier.env
printf 'DEPLOYER_TRANSPORT=%s\nDEPLOYER_DATABASE=%s\n' "$AMQP_URL" "$PG_URL/deployer" \
  >/etc/pecan/deployer.env
printf 'NOTIFIER_TRANSPORT=%s\nNOTIFIER_DATABASE=%s\n' "$AMQP_URL" "$PG_URL/notifier" \
  >/etc/pecan/notifier.env

# The broker's URL, password included, where only root (Apache, at start-up) and the services
# (systemd's EnvironmentFile=) can read it. Without these files the services use the http
# transport (the deployer POSTs to the notifier through the front server).
AMQP_URL="amqp://pecan:$AMQP_PASSWORD@127.0.0.1:5672"
install -m 0600 /dev/null /etc/apache2/conf-available/pecan-secrets.conf
echo "Define PECAN_AMQP_URL $AMQP_URL" >/etc/apache2/conf-available/pecan-secrets.conf
a2enconf -q pecan-secrets
install -d -m 0750 -g pecan /etc/pecan
install -m 0640 -g pecan /dev/null /etc/pecan/deployer.env
install -m 0640 -g pecan /dev/null /etc/pecan/notifier.env
echo "DEPLOYER_TRANSPORT=$AMQP_URL" >/etc/pecan/deployer.env
echo "NOTIFIER_TRANSPORT=$AMQP_URL" >/etc/pecan/notifier.env

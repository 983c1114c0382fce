# RabbitMQ on the loopback interface only, and an account for the two services.
# AMQP_PASSWORD: choose one, e.g. AMQP_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr +/ -_)
cat >/etc/rabbitmq/rabbitmq-env.conf <<'ENV'
NODE_IP_ADDRESS=127.0.0.1
ERL_EPMD_ADDRESS=127.0.0.1
ENV
rabbitmq-server -detached   # with systemd: systemctl restart rabbitmq-server
for _ in $(seq 1 60); do rabbitmqctl -q await_startup 2>/dev/null && break; sleep 1; done
rabbitmqctl -q add_user pecan "$AMQP_PASSWORD" 2>/dev/null ||
  rabbitmqctl -q change_password pecan "$AMQP_PASSWORD"
rabbitmqctl -q set_permissions -p / pecan '.*' '.*' '.*'

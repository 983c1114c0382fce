# Keystone (identity) and Heat (orchestration) from Debian's packages, with the command-line
# clients an operator checks them with, the PostgreSQL driver and uwsgi. No debconf
# preseeding: the packages' questions (database, endpoints) default to "no", and the next steps
# configure everything themselves. About 400 packages and 1.5 GB on a machine that has only the
# reference system's packages; nothing to do when they are there already.
export DEBIAN_FRONTEND=noninteractive
apt-cache policy keystone | grep -q 'Candidate: [0-9]' || apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  keystone heat-api heat-engine python3-openstackclient python3-heatclient \
  python3-psycopg2 uwsgi-core uwsgi-plugin-python3 >/dev/null

# Keystone (identity) and Heat (orchestration) from Debian's packages, with the command-line
# clients an operator checks them with. No debconf preseeding: the packages' questions
# (database, endpoints) default to "no", and the next steps configure everything themselves.
# About 1.5 GB and 400 packages on a machine that has only the reference system's packages.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  keystone heat-api heat-engine python3-openstackclient python3-heatclient \
  python3-psycopg2 uwsgi-core uwsgi-plugin-python3 >/dev/null

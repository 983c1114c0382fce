# The account the app processes run as, and the folder of their databases.
getent passwd pecan >/dev/null ||
  useradd --system --user-group --home-dir /var/lib/pecan --shell /usr/sbin/nologin pecan
install -d -o pecan -g pecan -m 0750 /var/lib/pecan

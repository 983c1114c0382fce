cd /srv/pecan
cp deploy/apache/pecan-passenger.conf /etc/apache2/conf-available/
cp deploy/apache/deployer.conf deploy/apache/notifier.conf /etc/apache2/sites-available/
a2enmod -q passenger headers
a2enconf -q pecan-passenger
a2ensite -q deployer notifier
apache2ctl configtest
apache2ctl start

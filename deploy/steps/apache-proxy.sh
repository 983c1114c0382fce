cd /srv/pecan
a2dissite -q deployer notifier   # one recipe at a time: the Passenger sites off
a2enmod -q proxy proxy_http headers
cp deploy/apache/proxy-deployer.conf deploy/apache/proxy-notifier.conf /etc/apache2/sites-available/
a2ensite -q proxy-deployer proxy-notifier
apache2ctl configtest
apache2ctl graceful

#!/bin/sh
# Runs before the broker on every start (an init container with the broker's image): creates the instance on the
# first start, then writes evocnn's configuration and the users from the Secret over it, so a changed broker.xml or a
# rotated password reaches the broker at its next restart (the image alone copies them only when it creates the
# instance).
set -eu
cd /var/lib/artemis-instance
if [ ! -f etc/broker.xml ]; then
  /opt/activemq-artemis/bin/artemis create --silent --user admin --password "$ADMIN_PASSWORD" --role amq \
    --require-login --http-host 0.0.0.0 --relax-jolokia .
fi
cp /evocnn/broker.xml etc/broker.xml
cp /evocnn/artemis-roles.properties etc/artemis-roles.properties
umask 077
printf 'admin = %s\nservice = %s\nevaluator = %s\nmonitor = %s\n' "$ADMIN_PASSWORD" "$SERVICE_PASSWORD" \
  "$EVALUATOR_PASSWORD" "$MONITOR_PASSWORD" > etc/artemis-users.properties
# the console and Jolokia (KEDA reads the queue length there) admit the monitor, for reads only
sed -i 's/-Dhawtio\.role=[^ "]*/-Dhawtio.role=amq,evocnn-monitor/' etc/artemis.profile
sed -i 's/method="\(list\|get\|is\)\*" roles="amq"/method="\1*" roles="amq,evocnn-monitor"/' etc/management.xml

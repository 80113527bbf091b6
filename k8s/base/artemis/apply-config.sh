#!/bin/sh
# Runs before the broker on every start (an init container with the broker's image; compose's artemis-config): creates
# the instance on the first start, then writes evocnn's configuration and the users from the Secret over it, so a
# changed broker.xml, heap or rotated password reaches the broker at its next restart (the image alone copies them
# only when it creates the instance). Paths and sizes come from the environment so that deploy-checks' real-broker
# test runs this very script on the unpacked distribution.
set -eu
: "${ADMIN_PASSWORD:?}" "${SERVICE_PASSWORD:?}" "${EVALUATOR_PASSWORD:?}" "${MONITOR_PASSWORD:?}"
home=${ARTEMIS_HOME:-/opt/activemq-artemis}
instance=${ARTEMIS_INSTANCE:-/var/lib/artemis-instance}
config=${EVOCNN_CONFIG:-/evocnn}
monitor=${MONITOR_USERNAME:-monitor}
# the broker's heap: with direct buffers, metaspace and the console it must stay under the container's memory limit
heap=${BROKER_HEAP:-1G}
case "$monitor" in
  admin|service|evaluator|*[!A-Za-z0-9._-]*|'')
    echo "monitor-username '$monitor' must be a plain name other than admin, service and evaluator" >&2; exit 1 ;;
esac
cd "$instance"
if [ ! -f etc/broker.xml ]; then
  # the CLI's own JVM: its default (-Xmx1024M) does not fit the init container's limit
  JAVA_ARGS="${CLI_JAVA_ARGS:--Xms32m -Xmx160m}" "$home/bin/artemis" create --silent --user admin \
    --password "$ADMIN_PASSWORD" --role amq --require-login --http-host 0.0.0.0 --relax-jolokia .
fi
cp "$config/broker.xml" etc/broker.xml
cp "$config/management.xml" etc/management.xml
# the monitor's name comes from the Secret (monitor-username)
sed "s/^evocnn-monitor=.*/evocnn-monitor=$monitor/" "$config/artemis-roles.properties" > etc/artemis-roles.properties
umask 077
printf 'admin = %s\nservice = %s\nevaluator = %s\n%s = %s\n' "$ADMIN_PASSWORD" "$SERVICE_PASSWORD" \
  "$EVALUATOR_PASSWORD" "$monitor" "$MONITOR_PASSWORD" > etc/artemis-users.properties
# umask applies only to new files: an instance created earlier keeps a readable users file without this
chmod 600 etc/artemis-users.properties
# The console and Jolokia admit users of these roles (Artemis 2.40 reads HAWTIO_ROLES; older releases had
# -Dhawtio.role=): the monitor logs in, and management.xml lets it read a queue's message count and nothing else.
sed -i "s/^HAWTIO_ROLES=.*/HAWTIO_ROLES='amq,evocnn-monitor'/" etc/artemis.profile
grep -q "^HAWTIO_ROLES='amq,evocnn-monitor'" etc/artemis.profile \
  || { echo "etc/artemis.profile has no HAWTIO_ROLES line: is the image an Artemis 2.40 or newer?" >&2; exit 1; }
sed -i "s/-Xmx[0-9]*[kKmMgG]* /-Xmx$heap /" etc/artemis.profile
grep -q -- "-Xmx$heap " etc/artemis.profile || { echo "could not set the broker's heap in etc/artemis.profile" >&2; exit 1; }

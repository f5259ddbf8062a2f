#!/bin/bash
# Creates the system's topics before any service consumes (docker-compose.yml runs this once, in the kafka image).
# Six partitions: one call's events stay in order on one partition (key = call id), and up to six replicas of a
# consumer share the work. The broker's auto-creation is off, so a misspelt topic fails instead of appearing.
set -euo pipefail

bootstrap=${BOOTSTRAP_SERVERS:-kafka:9092}
partitions=${PARTITIONS:-6}
topics="orikaeshi.call-events orikaeshi.deadline-events orikaeshi.notification-events
        orikaeshi.dlq.callback-scheduler orikaeshi.dlq.notification-service orikaeshi.dlq.reporting-service"   # = Topics.all(); ComposeTopicsTest keeps them equal

# The image's kafka-topics.sh where it has one; the same tool class straight from the jars otherwise.
if [ -x /opt/kafka/bin/kafka-topics.sh ]; then
  kafka_topics() { /opt/kafka/bin/kafka-topics.sh "$@"; }
else
  kafka_topics() { java -Xmx128m -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand "$@"; }
fi

for topic in $topics; do
  kafka_topics --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 &
done
# Tenant snapshots (intake's admin API): only the latest per tenant matters, so the topic is compacted.
kafka_topics --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic orikaeshi.tenant-events --partitions "$partitions" --replication-factor 1 --config cleanup.policy=compact &
# Each invocation is its own JVM: in parallel they take the time of one.
failed=0
for job in $(jobs -p); do wait "$job" || failed=1; done
[ "$failed" = 0 ] || { echo "creating topics failed" >&2; exit 1; }
kafka_topics --bootstrap-server "$bootstrap" --describe | grep -c 'Partition:' | xargs echo "partitions ready:"

#!/bin/bash
# Creates the system's topics before any service consumes (docker-compose.yml runs this once, in the kafka image).
# Six partitions: one call's events stay in order on one partition (key = call id), and up to six replicas of a
# consumer share the work. The broker's auto-creation is off, so a misspelt topic fails instead of appearing.
# REPLICATION_FACTOR and MIN_ISR default to one broker (docker-compose.yml); deploy/compose/kafka-cluster.yml sets
# 3 and 2: with producers on acks=all, a write is acknowledged once two replicas hold it, so one broker may fail.
set -euo pipefail

bootstrap=${BOOTSTRAP_SERVERS:-kafka:9092}
partitions=${PARTITIONS:-6}
replication=${REPLICATION_FACTOR:-1}
min_isr=${MIN_ISR:-1}
# min.insync.replicas above the replication factor would refuse every acks=all write.
[ "$min_isr" -le "$replication" ] || { echo "MIN_ISR ($min_isr) exceeds REPLICATION_FACTOR ($replication)" >&2; exit 1; }
topics="orikaeshi.call-events orikaeshi.deadline-events orikaeshi.notification-events
        orikaeshi.dlq.callback-scheduler orikaeshi.dlq.notification-service orikaeshi.dlq.reporting-service"   # = Topics.all(); ComposeTopicsTest keeps them equal

# The image's kafka-topics.sh where it has one; the same tool class straight from the jars otherwise. Each call is a
# short-lived JVM started beside the brokers: the client compiler only and the serial collector keep its CPU low.
tool_jvm_opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if [ -x /opt/kafka/bin/kafka-topics.sh ]; then
  kafka_topics() { KAFKA_HEAP_OPTS=-Xmx128m KAFKA_JVM_PERFORMANCE_OPTS="$tool_jvm_opts" /opt/kafka/bin/kafka-topics.sh "$@"; }
else
  kafka_topics() { java -Xmx128m $tool_jvm_opts -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand "$@"; }
fi

# A broker's port opens before it has registered with the controllers, so right after the health checks pass the
# cluster may still count fewer brokers than the replication factor and refuse the topic: try again for a while.
create() {
  for attempt in $(seq 1 30); do
    kafka_topics --bootstrap-server "$bootstrap" --create --if-not-exists --partitions "$partitions" \
      --replication-factor "$replication" --config min.insync.replicas="$min_isr" "$@" && return 0
    echo "creating $* failed (attempt $attempt); retrying" >&2
    sleep 2
  done
  return 1
}

for topic in $topics; do
  create --topic "$topic" &
done
# Tenant snapshots (intake's admin API): only the latest per tenant matters, so the topic is compacted.
create --topic orikaeshi.tenant-events --config cleanup.policy=compact &
# Each invocation is its own JVM: in parallel they take the time of one.
failed=0
for job in $(jobs -p); do wait "$job" || failed=1; done
[ "$failed" = 0 ] || { echo "creating topics failed" >&2; exit 1; }
kafka_topics --bootstrap-server "$bootstrap" --describe | grep -c 'Partition:' | xargs echo "partitions ready:"

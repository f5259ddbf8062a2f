#!/usr/bin/env bash
# Burst drain of the packaged service (see README.md): ServiceBurstBenchmark [count instances]
#   (defaults 100000 1), e.g. bench/service-burst.sh 100000 2
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/.." && pwd)"
cd "$root"
# The sibling modules come from the reactor (their target/ directories), never installed into the shared ~/.m2.
./mvnw -o -q -pl callback-scheduler -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/bench.classpath"
cd "$module"
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.scheduler.bench.ServiceBurstBenchmark "$@"

#!/usr/bin/env bash
# Runs the firing benchmark (see README.md). Arguments go to FiringBenchmark:
#   small large huge steadySeconds implementations   (defaults: 100000 1000000 0 30 timers,dbs10s,dbs250ms)
# e.g. bench/run.sh 100000 1000000 10000000 30
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/.." && pwd)"
cd "$root"
# The sibling modules come from the reactor (their target/ directories), never installed into the shared ~/.m2.
./mvnw -o -q -pl callback-scheduler -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/bench.classpath"
cd "$module"
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.scheduler.bench.FiringBenchmark "$@"

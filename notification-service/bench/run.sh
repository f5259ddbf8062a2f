#!/usr/bin/env bash
# Runs the report-email benchmark (see README.md). Arguments go to ReportBenchmark:
#   burst pacedRatePerSecond pacedSeconds   (defaults: 3000 100 20)
# Builds the service's quarkus-run.jar and the bench classpath in one reactor run (nothing is installed in ~/.m2).
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/.." && pwd)"
cd "$root"
./mvnw -o -q -pl notification-service -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/bench.classpath"
cd "$module"
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.notification.bench.ReportBenchmark "$@"

#!/usr/bin/env bash
# Builds what the benchmarks run: the quarkus-run.jar of notification-service and of intake-service (the end-to-end
# benchmark runs both), the bench classes and their classpath. One offline reactor run; nothing goes into ~/.m2.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
cd "$module/.."
# A relative outputFile is resolved per module, so each module writes its own target/bench.classpath.
./mvnw -o -q -pl notification-service,intake-service -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath

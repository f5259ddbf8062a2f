#!/usr/bin/env bash
# Builds what the benchmarks run: the quarkus-run.jar of each service named (default: intake-service and
# notification-service; the end-to-end benchmark runs both), the benchmark classes and their classpath
# (target/bench.classpath). One offline reactor run; nothing goes into ~/.m2.
#   benchmarks/build.sh [service-module...]   e.g. benchmarks/build.sh intake-service
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
cd "$module/.."
services="${*:-intake-service notification-service}"
# A relative outputFile is resolved per module, so each module writes its own target/bench.classpath.
./mvnw -o -q -pl "benchmarks,${services// /,}" -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench.classpath

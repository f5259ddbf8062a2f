#!/usr/bin/env bash
# Builds what both benchmarks run (the packaged service, the test classes and their classpath), without running
# anything. Run it first, then each benchmark alone on the machine:
#   callback-scheduler/bench/build.sh
# The sibling modules come from the reactor (their target/ directories), never installed into the shared ~/.m2.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/.." && pwd)"
cd "$root"
./mvnw -o -q -pl callback-scheduler -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/bench.classpath"

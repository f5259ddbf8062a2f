#!/usr/bin/env bash
# Runs the intake benchmark (see README.md): intake as its own process against in-JVM Kafka and PostgreSQL,
# then the raw INSERT+COMMIT limit on the same database. Arguments: concurrency seconds-per-phase (default 32 30).
# BENCH_SKIP_BUILD=1 reuses the last build (to keep the build out of a measured window).
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # One reactor build, so the sibling modules come from this checkout.
  "$module/build.sh" intake-service
fi
cd "$module"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.intake.bench.IntakeBenchmark "$@"

#!/usr/bin/env bash
# Runs the report-email benchmark (see README.md). Arguments go to ReportBenchmark:
#   burst pacedRatePerSecond pacedSeconds   (defaults: 3000 100 20)
# Builds first (benchmarks/build.sh) unless BENCH_NO_BUILD=1, so a shared machine can build and measure separately.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then "$module/build.sh"; fi
cd "$module"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.notification.bench.ReportBenchmark "$@"

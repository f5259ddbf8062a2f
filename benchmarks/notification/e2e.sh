#!/usr/bin/env bash
# Runs the end-to-end benchmark, intake's 201 to SMTP acceptance (see README.md). Arguments go to EndToEndBenchmark:
#   ratesPerSecond secondsPerRate   (defaults: 500 30; rates comma-separated, e.g. 500,400,300)
# Builds first (benchmarks/build.sh) unless BENCH_NO_BUILD=1, so a shared machine can build and measure separately.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then "$module/build.sh"; fi
cd "$module"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.notification.bench.EndToEndBenchmark "$@"

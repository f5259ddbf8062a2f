#!/usr/bin/env bash
# Runs the firing benchmark (see README.md); build first with bench/build.sh. Arguments go to FiringBenchmark:
#   small large huge steadySeconds implementations ids   (defaults: 100000 1000000 0 30 timers,dbs10s,dbs250ms v7)
# e.g. bench/run.sh 100000 1000000 10000000 30
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
cd "$module"
[ -f target/bench.classpath ] || { echo "not built: run bench/build.sh first" >&2; exit 2; }
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.scheduler.bench.FiringBenchmark "$@"

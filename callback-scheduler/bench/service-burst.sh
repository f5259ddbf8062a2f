#!/usr/bin/env bash
# Burst drain of the packaged service (see README.md); build first with bench/build.sh.
#   ServiceBurstBenchmark [count instances]  (defaults 100000 1), e.g. bench/service-burst.sh 100000 2
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
cd "$module"
[ -f target/bench.classpath ] && [ -f target/quarkus-app/quarkus-run.jar ] \
    || { echo "not built: run bench/build.sh first" >&2; exit 2; }
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.orikaeshi.scheduler.bench.ServiceBurstBenchmark "$@"

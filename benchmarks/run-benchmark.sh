#!/usr/bin/env bash
# Runs one benchmark's main class against freshly built services: run-benchmark.sh <main class> [arguments].
# Builds first (build.sh, one reactor build so the sibling modules come from this checkout) unless BENCH_NO_BUILD=1,
# so a shared machine can build and measure separately; BENCH_BUILD_MODULES names what to build (default: all).
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
main="$1"
shift
if [ "${BENCH_NO_BUILD:-${BENCH_SKIP_BUILD:-0}}" != 1 ]; then
  # shellcheck disable=SC2086
  "$module/build.sh" ${BENCH_BUILD_MODULES:-}
fi
cd "$module"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "target/classes:$(cat target/bench.classpath)" "$main" "$@"

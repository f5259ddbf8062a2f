#!/usr/bin/env bash
# The intake benchmark (see README.md): intake as its own process against in-JVM Kafka and PostgreSQL, then the raw
# INSERT+COMMIT limit on the same database. Arguments: concurrency seconds-per-phase (default 32 30).
BENCH_BUILD_MODULES="${BENCH_BUILD_MODULES:-intake-service}" \
    exec "$(dirname "$0")/../run-benchmark.sh" io.orikaeshi.intake.bench.IntakeBenchmark "$@"

#!/usr/bin/env bash
# The report-email benchmark (see README.md). Arguments go to ReportBenchmark:
#   burst pacedRatePerSecond pacedSeconds   (defaults: 3000 100 20)
exec "$(dirname "$0")/../run-benchmark.sh" io.orikaeshi.notification.bench.ReportBenchmark "$@"
